import ArgumentParser

@main
struct Impact: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "impact", abstract: "Impact analytics.")
}
