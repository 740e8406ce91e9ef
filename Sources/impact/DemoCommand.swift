import ArgumentParser

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Make a synthetic dataset and import it.")
    func run() throws {}
}
