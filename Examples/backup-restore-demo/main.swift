// backup-restore-demo: the whole story of AuthenticatorKit's backup and restore, told step by
// step with the SDK's embedded defaults in temporary folders. Exit status 0 when every step
// behaved as it should, 1 (with what went wrong on standard error) otherwise.
import Foundation

exit(await Demo.run())
