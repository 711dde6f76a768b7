import Foundation
import Stories
import Subscribers
import Yams

/// A newsletter theme: the settings in `Templates/<id>/theme.yaml` beside its Mustache templates.
public struct Theme: Sendable, Equatable {
    /// The folder name, like `decoding-asia`.
    public var id: String
    public var directory: URL
    public var settings: ThemeSettings

    /// The zone that weeks and dates are counted in.
    public var timeZone: TimeZone

    /// The theme folder's settings file name.
    public static let settingsFileName = "theme.yaml"

    /// Loads and checks `<templates>/<id>/theme.yaml`.
    public static func load(id: String, templates: URL) throws -> Theme {
        let directory = templates.appendingPathComponent(id, isDirectory: true)
        let file = directory.appendingPathComponent(settingsFileName)
        guard FileManager.default.fileExists(atPath: file.path) else {
            let known = (try? available(in: templates)) ?? []
            let hint =
                known.isEmpty ? "no themes in \(templates.path)" : "known themes: \(known.joined(separator: ", "))"
            throw ComposerError(.unknownTheme, "unknown theme '\(id)': \(file.path) does not exist (\(hint))")
        }
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw ComposerError(
                .invalidTheme, "\(file.path): cannot read the theme settings (\(error.localizedDescription))")
        }
        return try parse(text, id: id, directory: directory, file: file.path)
    }

    /// Reads and checks the text of a `theme.yaml`, as ``load(id:templates:)`` does once it has read the file (also
    /// what the fuzz target in `Fuzz/` feeds).
    ///
    /// - Parameters:
    ///   - directory: the theme folder, kept in the result.
    ///   - file: the settings file's path, named in errors.
    /// - Throws: ``ComposerError`` (`.invalidTheme`) naming `file` and the field or line that is wrong.
    public static func parse(_ text: String, id: String, directory: URL, file: String) throws -> Theme {
        let settings: ThemeSettings
        var root: Node?
        do {
            root = try Yams.compose(yaml: text)
            // A misspelt key would be passed over by the decoder, its default silently in force.
            if let root { try ThemeFileCheck.checkKeys(root, file: file) }
            settings = try YAMLDecoder().decode(ThemeSettings.self, from: text)
        } catch let error as ComposerError {
            throw error
        } catch let error as YamlError {
            throw ComposerError(.invalidTheme, "\(file): \(Self.describe(error))")
        } catch let error as DecodingError {
            throw ComposerError(.invalidTheme, "\(file): \(ThemeFileCheck.describe(error, root: root))")
        } catch {
            throw ComposerError(.invalidTheme, "\(file): \(error)")
        }
        guard let zone = TimeZone(identifier: settings.timeZone) else {
            throw ComposerError(.invalidTheme, "\(file): field 'time_zone': unknown time zone '\(settings.timeZone)'")
        }
        try settings.validate(file: file)
        return Theme(id: id, directory: directory, settings: settings, timeZone: zone)
    }

    /// Theme folder names under `templates`, sorted.
    public static func available(in templates: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: templates.path)
            .filter {
                FileManager.default.fileExists(
                    atPath: templates.appendingPathComponent($0).appendingPathComponent(settingsFileName).path)
            }
            .sorted()
    }

    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return "line \(mark.line), column \(mark.column): \(problem)"
        default:
            return "\(error)"
        }
    }

    /// The masthead every rendering prints.
    public var masthead: Masthead {
        Masthead(
            name: settings.name, tagline: settings.tagline, language: settings.language,
            senderName: settings.sender.name, senderAddress: settings.sender.address, replyTo: settings.sender.replyTo,
            unsubscribeURLTemplate: settings.unsubscribeURL, colors: settings.colors, timeZone: settings.timeZone,
            archiveURLTemplate: settings.archiveURL, preferencesURLTemplate: settings.preferencesURL)
    }
}

/// The fields of `theme.yaml`.
public struct ThemeSettings: Codable, Sendable, Equatable {
    public var name: String
    public var tagline: String
    /// BCP 47 language of the issue; articles in other languages are left out unless
    /// `includeOtherLanguages` is set.
    public var language: String
    public var timeZone: String
    /// The subscriber list in `Subscribers/<list>.csv`.
    public var list: String
    public var sender: Sender
    /// The unsubscribe link, with `{token}` where each reader's token goes.
    public var unsubscribeURL: String
    /// Where an issue can be read on the web (the page `digest serve` answers at `/archive/<theme>/<week>/`), with
    /// `{week}` where the issue's week goes; each email links to it ("View in your browser"). Optional.
    public var archiveURL: String?
    /// A reader's preferences page (the one `digest serve` answers at `/preferences?token=…`), with `{token}` where
    /// the reader's unsubscribe token goes; each email links to it next to "Unsubscribe". Optional.
    public var preferencesURL: String?
    /// Where bounces go: the envelope sender (`MAIL FROM`) of every copy `digest send` sends, so
    /// delivery-status notifications reach a mailbox meant for them (read by `digest bounces
    /// import`) while readers still see and reply to `sender`. Optional: without it the envelope
    /// sender is `sender.address`.
    public var bounceAddress: String?
    public var storiesPerSection: Int
    public var sentencesPerStory: Int
    public var includeOtherLanguages: Bool
    /// Topics the issue leaves out, matched against the folders of an article's link
    /// (`…/sport/…`, `…/sports/…`): desks file their stories by topic there, feeds rarely say.
    public var skipTopics: [String]
    /// Pieces left out by their form: galleries, videos, quizzes, lists of searches, sponsored
    /// and celebrity items, items too short to summarise (`leave_out:`; see `LeaveOut`).
    public var leaveOut: LeaveOut
    /// Headline words of the news editors rank first (conflict, disaster, justice, power); a
    /// story whose headline has one weighs more (`news_values:`; see `Salience`).
    public var newsValues: [String]
    public var colors: ThemeColors
    public var sections: [Section]
    /// Feeds the editor collects for this theme.
    public var feeds: [String]
    /// Whether `collect` and `run` may fetch feeds and pages from loopback, private and link-local addresses (an
    /// intranet feed, a test server); off by default (`--allow-private-hosts` allows them for one run).
    public var allowPrivateHosts: Bool
    /// When `digest run` sends a week's issue: a weekday and time in the theme's time zone, in
    /// the week after the issue's (`send_at: Monday 07:00`).
    public var sendAt: SendTime
    /// Hours after `sendAt` past which `digest run` refuses to send (news goes stale).
    public var lateLimitHours: Int
    /// Fewer stories than this and `digest run` does not send the week.
    public var minStories: Int
    /// `required` when an editor must approve an issue (`digest approve`) before `digest run`
    /// sends it; `none` otherwise.
    public var approval: String
    public var approvalRequired: Bool { approval == "required" }
    /// Who gets the test copy of a draft awaiting approval.
    public var editors: [String]

    /// A weekday and a time of day, like `Monday 07:00`.
    public struct SendTime: Sendable, Equatable, Codable {
        /// 1 is Monday … 7 is Sunday (ISO).
        public var weekday: Int
        public var hour: Int
        public var minute: Int

        static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

        public init(weekday: Int, hour: Int, minute: Int) {
            self.weekday = weekday
            self.hour = hour
            self.minute = minute
        }

        /// Reads `Monday 07:00`; nil when it is not a weekday and a 24-hour time.
        public init?(parsing text: String) {
            let parts = text.split(separator: " ").map { String($0) }
            guard parts.count == 2, let day = Self.weekdays.firstIndex(of: parts[0].lowercased()) else { return nil }
            let clock = parts[1].split(separator: ":")
            guard clock.count == 2, let hour = Int(clock[0]), let minute = Int(clock[1]), (0..<24).contains(hour),
                (0..<60).contains(minute)
            else { return nil }
            self.init(weekday: day + 1, hour: hour, minute: minute)
        }

        public init(from decoder: any Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let parsed = SendTime(parsing: text) else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath,
                        debugDescription: "'\(text)' is not a weekday and a time, like 'Monday 07:00'"))
            }
            self = parsed
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(description)
        }

        public var description: String {
            Self.weekdays[weekday - 1].capitalized + " " + String(format: "%02d:%02d", hour, minute)
        }
    }

    public struct Sender: Codable, Sendable, Equatable {
        public var name: String
        public var address: String
        public var replyTo: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, address
            case replyTo = "reply_to"
        }
    }

    public struct Section: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        /// ISO 3166-1 alpha-2 codes of the countries and territories the section covers.
        public var countries: [String]
        /// The section for stories about several of the theme's countries at once.
        public var regional: Bool

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, title, countries, regional
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            title = try container.decode(String.self, forKey: .title)
            countries = try container.decodeIfPresent([String].self, forKey: .countries) ?? []
            regional = try container.decodeIfPresent(Bool.self, forKey: .regional) ?? false
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, tagline, language, list, sender, colors, sections, feeds
        case timeZone = "time_zone"
        case unsubscribeURL = "unsubscribe_url"
        case archiveURL = "archive_url"
        case preferencesURL = "preferences_url"
        case bounceAddress = "bounce_address"
        case storiesPerSection = "stories_per_section"
        case sentencesPerStory = "sentences_per_story"
        case includeOtherLanguages = "include_other_languages"
        case skipTopics = "skip_topics"
        case leaveOut = "leave_out"
        case newsValues = "news_values"
        case sendAt = "send_at"
        case lateLimitHours = "late_limit_hours"
        case minStories = "min_stories"
        case approval, editors
        case allowPrivateHosts = "allow_private_hosts"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        tagline = try container.decodeIfPresent(String.self, forKey: .tagline) ?? ""
        language = try container.decodeIfPresent(String.self, forKey: .language) ?? "en"
        timeZone = try container.decodeIfPresent(String.self, forKey: .timeZone) ?? "UTC"
        list = try container.decode(String.self, forKey: .list)
        sender = try container.decode(Sender.self, forKey: .sender)
        unsubscribeURL = try container.decode(String.self, forKey: .unsubscribeURL)
        archiveURL = try container.decodeIfPresent(String.self, forKey: .archiveURL)
        preferencesURL = try container.decodeIfPresent(String.self, forKey: .preferencesURL)
        bounceAddress = try container.decodeIfPresent(String.self, forKey: .bounceAddress)
        storiesPerSection = try container.decodeIfPresent(Int.self, forKey: .storiesPerSection) ?? 3
        sentencesPerStory = try container.decodeIfPresent(Int.self, forKey: .sentencesPerStory) ?? 2
        includeOtherLanguages = try container.decodeIfPresent(Bool.self, forKey: .includeOtherLanguages) ?? false
        skipTopics = try container.decodeIfPresent([String].self, forKey: .skipTopics) ?? []
        leaveOut = try container.decodeIfPresent(LeaveOut.self, forKey: .leaveOut) ?? .standard
        newsValues =
            try container.decodeIfPresent([String].self, forKey: .newsValues)
            ?? Salience.standardNewsValueWords.sorted()
        colors = try container.decode(ThemeColors.self, forKey: .colors)
        sections = try container.decode([Section].self, forKey: .sections)
        feeds = try container.decodeIfPresent([String].self, forKey: .feeds) ?? []
        allowPrivateHosts = try container.decodeIfPresent(Bool.self, forKey: .allowPrivateHosts) ?? false
        sendAt =
            try container.decodeIfPresent(SendTime.self, forKey: .sendAt) ?? SendTime(weekday: 1, hour: 7, minute: 0)
        lateLimitHours = try container.decodeIfPresent(Int.self, forKey: .lateLimitHours) ?? 48
        minStories = try container.decodeIfPresent(Int.self, forKey: .minStories) ?? 1
        approval = try container.decodeIfPresent(String.self, forKey: .approval) ?? "none"
        guard approval == "none" || approval == "required" else {
            throw DecodingError.dataCorruptedError(
                forKey: .approval, in: container, debugDescription: "'\(approval)' must be 'none' or 'required'")
        }
        editors = try container.decodeIfPresent([String].self, forKey: .editors) ?? []
    }

    /// Checks what the decoder cannot: known country codes, sane counts, unique section ids.
    func validate(file: String) throws {
        func fail(_ message: String) -> ComposerError { ComposerError(.invalidTheme, "\(file): \(message)") }
        guard !sections.isEmpty else { throw fail("field 'sections': a theme needs at least one section") }
        if list.isEmpty || list.contains("/") || list.hasPrefix(".")
            || list.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        {
            throw fail("field 'list': '\(list)' is not a list name (a file name in Subscribers/, without .csv)")
        }
        guard (1...20).contains(storiesPerSection) else { throw fail("field 'stories_per_section' must be 1–20") }
        guard (1...10).contains(sentencesPerStory) else { throw fail("field 'sentences_per_story' must be 1–10") }
        let linkWord = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-"))
        for topic in skipTopics where topic.isEmpty || !topic.unicodeScalars.allSatisfy(linkWord.contains) {
            throw fail(
                "field 'skip_topics': '\(topic)' is not a topic word (letters, digits and hyphens, as in a link)")
        }
        for (field, values) in [
            ("title_prefixes", leaveOut.titlePrefixes), ("title_phrases", leaveOut.titlePhrases),
            ("link_folders", leaveOut.linkFolders),
        ] {
            if let index = values.firstIndex(where: { LeaveOut.words($0).isEmpty }) {
                throw fail("field 'leave_out.\(field)[\(index)]': '\(values[index])' has no letters or digits")
            }
        }
        guard (0...1000).contains(leaveOut.minimumWords) else {
            throw fail("field 'leave_out.min_words' must be 0–1000")
        }
        var seen = Set<String>()
        for (index, section) in sections.enumerated() {
            guard seen.insert(section.id).inserted else {
                throw fail("sections[\(index)]: duplicate section id '\(section.id)'")
            }
            for code in section.countries where Gazetteer.standard.country(code) == nil {
                throw fail("sections[\(index)] '\(section.id)': unknown country code '\(code)'")
            }
            if !section.regional && section.countries.isEmpty {
                throw fail("sections[\(index)] '\(section.id)': list its countries, or mark it 'regional: true'")
            }
        }
        for color in [colors.accent, colors.text, colors.background, colors.muted] {
            guard color.count == 7, color.hasPrefix("#"), color.dropFirst().allSatisfy(\.isHexDigit) else {
                throw fail("field 'colors': '\(color)' is not a #rrggbb colour")
            }
        }
        guard (1...24 * 14).contains(lateLimitHours) else { throw fail("field 'late_limit_hours' must be 1–336") }
        guard (0...200).contains(minStories) else { throw fail("field 'min_stories' must be 0–200") }
        if approvalRequired && editors.isEmpty {
            throw fail("field 'editors': 'approval: required' needs at least one editor's address for the test copy")
        }
        for (index, editor) in editors.enumerated() where !editor.contains("@") || editor.contains(" ") {
            throw fail("field 'editors[\(index)]': '\(editor)' is not an email address")
        }
        if let bounceAddress {
            do {
                _ = try EmailAddress(bounceAddress)
            } catch {
                throw fail("field 'bounce_address': \(error.reason)")
            }
        }
        guard unsubscribeURL.contains("{token}") else {
            throw fail("field 'unsubscribe_url' must contain {token}, where each reader's token goes")
        }
        if let archiveURL {
            guard archiveURL.contains("{week}") else {
                throw fail("field 'archive_url' must contain {week}, where each issue's week goes")
            }
            let sample = archiveURL.replacingOccurrences(of: "{week}", with: "2026-W01")
            guard let url = URL(string: sample), ["https", "http"].contains(url.scheme?.lowercased() ?? ""),
                url.host?.isEmpty == false
            else {
                throw fail("field 'archive_url': '\(archiveURL)' is not an http(s) address")
            }
        }
        if let preferencesURL {
            guard preferencesURL.contains("{token}") else {
                throw fail("field 'preferences_url' must contain {token}, where each reader's token goes")
            }
            let sample = preferencesURL.replacingOccurrences(of: "{token}", with: "token")
            guard let url = URL(string: sample), ["https", "http"].contains(url.scheme?.lowercased() ?? ""),
                url.host?.isEmpty == false
            else {
                throw fail("field 'preferences_url': '\(preferencesURL)' is not an http(s) address")
            }
        }
    }
}
