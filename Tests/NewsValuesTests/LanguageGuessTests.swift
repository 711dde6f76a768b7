import Testing

@testable import NewsValues

/// The one language guess: sample sentences are our own writing.
@Suite("Language guess")
struct LanguageGuessTests {
    @Test(
        "scripts and function words",
        arguments: [
            ("The central bank said that it was ready to act with the government on the new rules.", "en"),
            ("O banco central disse que não vai cortar a taxa para os bancos da região.", "pt"),
            ("El banco central dijo que los precios subieron en la región por la sequía.", "es"),
            ("La banque centrale a dit que les prix sont stables dans la région pour le moment.", "fr"),
            ("Die Zentralbank sagte, dass die Preise in der Region nicht mit den Löhnen steigen.", "de"),
            ("La banca centrale ha detto che il costo del credito non sono per ora un problema della zona.", "it"),
            ("Bank sentral mengatakan bahwa harga yang naik itu akan turun dalam dua bulan dan tidak lebih.", "id"),
            ("東京で会議が開かれた。首相は経済対策を発表した。", "ja"),
            ("서울에서 회의가 열렸다. 총리는 경제 대책을 발표했다.", "ko"),
            ("北京举行会议。总理宣布了经济措施。", "zh"),
        ])
    func guesses(text: String, code: String) {
        #expect(LanguageGuess.language(of: text) == code)
    }

    @Test("a text mostly in another script, or without letters, is not guessed")
    func notGuessed() {
        #expect(LanguageGuess.language(of: "Центральный банк сообщил, что цены растут быстрее, чем ожидалось.") == nil)
        #expect(LanguageGuess.language(of: "") == nil)
        #expect(LanguageGuess.language(of: "2026 — 17:05") == nil)
    }

    @Test("English keeps short texts and a lead of a word or two (a title with the article 'a')")
    func englishByDefault() {
        #expect(LanguageGuess.language(of: "Market notes: are the new bond sales just a stopgap?") == "en")
        #expect(LanguageGuess.language(of: "Que sera") == "en")
    }

    @Test("paragraphs: the first five decide")
    func paragraphs() {
        let french = "Le gouvernement a dit que les prix sont stables dans la région pour le moment."
        let english = "The government said that the prices were stable in the region for the moment."
        #expect(LanguageGuess.language(of: Array(repeating: french, count: 5) + [english, english]) == "fr")
    }
}
