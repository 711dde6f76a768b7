import ArgumentParser

struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "preview", abstract: "Show the composed issue.")
    @OptionGroup var global: GlobalOptions
}

struct SendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "send", abstract: "Send the issue.")
    @OptionGroup var global: GlobalOptions
}

struct SubscribersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "subscribers", abstract: "Manage lists.")
    @OptionGroup var global: GlobalOptions
}
