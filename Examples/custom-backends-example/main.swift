import AuthenticatorKit
print("todo")
