import Foundation

/// Prints the story: numbered chapters, steps, and indented details, in plain words.
final class Narrator {
    private var chapter = 0

    /// Starts chapter `title`, numbered.
    func chapter(_ title: String) {
        chapter += 1
        print("")
        print("\(chapter). \(title)")
        print(String(repeating: "─", count: min(78, title.count + 4)))
    }

    /// One thing that happens.
    func step(_ text: String) {
        print("  • \(text)")
    }

    /// A detail of the step before: what the app would show, a value, a check.
    func detail(_ text: String) {
        print("      \(text)")
    }

    /// A check that passed.
    func ok(_ text: String) {
        print("    ✓ \(text)")
    }

    /// A screen of the app, as a boxed line: what a user would see.
    func screen(_ text: String) {
        print("      ┃ \(text)")
    }

    /// A paragraph outside any chapter.
    func say(_ text: String) {
        print(text)
    }
}
