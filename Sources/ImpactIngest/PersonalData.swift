import Foundation

/// Recognises headers of personal data by their words, not by a list of whole names: a column
/// whose header has a word such as name, address, phone or guardian is personal data whatever
/// the tool calls it (`Contact: Full Name`, `Mailing Street`, `Parent/Guardian Name`). See
/// docs/privacy.md for the words and why each is there.
enum PersonalData {
    /// Words that make a header personal data in a file about people, with what they name.
    static let wordsAboutPeople: [String: String] = [
        "name": "a name", "names": "a name", "firstname": "a name", "lastname": "a name", "surname": "a name",
        "forename": "a name", "forenames": "a name", "fullname": "a name", "givenname": "a name", "familyname": "a name",
        "middlename": "a name", "nickname": "a name", "initials": "a name", "signature": "a name",
        "address": "an address", "addresses": "an address", "addr": "an address", "street": "an address", "road": "an address",
        "house": "an address", "flat": "an address", "town": "an address", "city": "an address", "village": "an address",
        "postcode": "a postcode", "postcodes": "a postcode", "zip": "a postcode", "zipcode": "a postcode", "postal": "a postcode",
        "phone": "a phone number", "telephone": "a phone number", "tel": "a phone number", "mobile": "a phone number",
        "cell": "a phone number", "cellphone": "a phone number", "landline": "a phone number", "fax": "a phone number",
        "whatsapp": "a contact handle", "sms": "a phone number",
        "email": "an e-mail address", "emails": "an e-mail address", "mail": "an e-mail address",
        "birth": "a date of birth", "dob": "a date of birth", "birthday": "a date of birth", "birthdate": "a date of birth",
        "parent": "a parent's or carer's details", "parents": "a parent's or carer's details",
        "guardian": "a parent's or carer's details", "guardians": "a parent's or carer's details",
        "carer": "a parent's or carer's details", "carers": "a parent's or carer's details",
        "mother": "a parent's or carer's details", "father": "a parent's or carer's details",
        "kin": "a next of kin", "nok": "a next of kin", "emergency": "an emergency contact",
        "instagram": "a social media handle", "twitter": "a social media handle", "facebook": "a social media handle",
        "snapchat": "a social media handle", "tiktok": "a social media handle", "linkedin": "a social media handle",
        "discord": "a social media handle", "skype": "a social media handle", "handle": "a social media handle",
        "username": "a user name", "login": "a user name",
        "upn": "an official number", "uln": "an official number", "ucas": "an official number", "nino": "an official number",
        "nhs": "an official number", "passport": "an official number", "ssn": "an official number",
        "ip": "an IP address", "photo": "a photograph", "photograph": "a photograph",
        "owner": "a staff member's name", "caseworker": "a staff member's name", "staff": "a staff member's name",
    ]

    /// Words that make a header personal data in any file: contact details, official numbers,
    /// a staff member (a file about things names venues and cohorts, so name, address and
    /// postcode alone do not count there).
    static let wordsAnywhere: Set<String> = [
        "phone", "telephone", "tel", "mobile", "cellphone", "landline", "fax", "whatsapp", "email", "emails",
        "dob", "birthday", "birthdate", "upn", "uln", "nino", "nhs", "passport", "ssn", "firstname", "lastname",
        "surname", "forename", "forenames", "fullname", "givenname", "familyname", "middlename", "owner", "caseworker",
    ]

    /// Words that, beside "name" in a file about things, say the name is a person's.
    static let personWords: Set<String> = [
        "first", "last", "full", "given", "family", "middle", "sur", "contact", "lead", "manager", "coordinator",
        "owner", "staff", "mentor", "supervisor", "teacher", "parent", "guardian", "student", "pupil", "participant",
        "learner", "applicant", "person", "preferred", "legal", "maiden", "tutor",
    ]

    /// Roles whose column holds a staff member's (or volunteer's) name.
    static let staffRoles: Set<String> = [
        "owner", "caseworker", "staff", "tutor", "tutors", "mentor", "mentors", "supervisor", "supervisors", "coordinator",
        "manager", "teacher", "facilitator", "trainer", "assessor", "advisor", "adviser", "volunteer", "ambassador",
        "contact", "contacts",
    ]

    /// Words that say a contact-detail column is about the channel, not the details themselves
    /// (`email_opt_in`, `Mobile app used`, `Smartphone access`): such a column holds no address.
    static let channelWords: Set<String> = [
        "opt", "optin", "optout", "consent", "access", "used", "use", "app", "interview", "verified", "sent", "subscribed",
        "status", "type", "count", "allowed", "bounced", "unsubscribed", "opened", "clicked",
    ]

    /// Phrases that are indicators, not a person's details.
    static let indicatorPhrases: Set<String> = [
        "young carer", "parental occupation", "parent occupation", "parents occupation", "parental education",
        "country of birth", "month of birth", "year of birth", "birth year",
    ]

    /// Why a header names personal data in a file of `kind` (what it holds, and the word that
    /// says so), or nil when it does not.
    static func reason(forHeader header: String, in kind: FileKind) -> String? {
        let words = headerWords(header)
        guard !words.isEmpty else { return nil }
        let phrase = words.joined(separator: " ")
        // An indicator, whatever is said around it (`Young carer status`).
        if indicatorPhrases.contains(where: { (" " + phrase + " ").contains(" " + $0 + " ") }) { return nil }
        let letters = words.joined()
        // Joined spellings (`DateOfBirth`, `DOB`, `NINumber`, `Created By`).
        if letters.contains("dateofbirth") { return "a date of birth (\"date of birth\")" }
        if letters.contains("whatsapp") { return "a contact handle (\"whatsapp\")" }
        for (joined, what) in [("uniquepupilnumber", "an official number"), ("uniquelearnernumber", "an official number"),
                               ("ipaddress", "an IP address"), ("latitude", "a location"), ("longitude", "a location"),
                               ("geolocation", "a location")] where letters.contains(joined) {
            return "\(what) (\"\(joined)\")"
        }
        if letters.contains("nationalinsurance") || letters == "ninumber" || letters == "ni" { return "an official number (\"national insurance\")" }
        for (first, second) in zip(words, words.dropFirst()) where second == "by" && ["created", "modified", "updated", "edited", "owned", "assigned", "entered"].contains(first) {
            return "a staff member's name (\"\(first) by\")"
        }
        if phrase.contains("next of kin") { return "a next of kin (\"next of kin\")" }
        let aboutChannel = words.contains(where: channelWords.contains)
        // An identifier of another system (`UCAS ID`, `HEAT ID`, `Student number`) in a file about
        // people: as good as a name to whoever holds that system.
        if kind.isAboutPeople, let last = words.last, ["id", "ids", "identifier", "number", "no", "ref", "reference"].contains(last) || words.contains("reference") {
            return "an identifier of another system (\"\(last)\")"
        }
        let contactWords: Set<String> = ["email", "emails", "mail", "phone", "telephone", "tel", "mobile", "cell", "cellphone", "landline", "sms", "whatsapp"]
        for word in words {
            if aboutChannel, contactWords.contains(word) { continue }
            if kind.isAboutPeople {
                if let what = wordsAboutPeople[word] { return "\(what) (\"\(word)\")" }
            } else if wordsAnywhere.contains(word) {
                return "\(wordsAboutPeople[word] ?? "personal data") (\"\(word)\")"
            } else if word == "name" || word == "names", let other = words.first(where: personWords.contains) {
                return "a person's name (\"\(other) name\")"
            }
        }
        // A staff member named by their role (`Lead tutor`, `Programme manager`), in any file;
        // `Mentor count` or `Tutor type` hold no name.
        if !words.contains(where: ["count", "counts", "number", "type", "hours", "ratio", "visits", "sessions", "meetings"].contains),
           let role = words.first(where: staffRoles.contains) {
            return "a staff member's name (\"\(role)\")"
        }
        return nil
    }

    /// The words of a header, lower case: split at anything but ASCII letters and digits, and
    /// where a lower-case letter meets an upper-case one (`ParentMobile`); `e-mail` and `post
    /// code` are read as one word each.
    static func headerWords(_ header: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousLower = false
        for scalar in header.unicodeScalars {
            let isLetterOrDigit = CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII
            if !isLetterOrDigit || (previousLower && CharacterSet.uppercaseLetters.contains(scalar)) {
                if !current.isEmpty { words.append(current.lowercased()) }
                current = ""
            }
            if isLetterOrDigit { current.unicodeScalars.append(scalar) }
            previousLower = CharacterSet.lowercaseLetters.contains(scalar)
        }
        if !current.isEmpty { words.append(current.lowercased()) }
        var joined: [String] = []
        for word in words {
            if let last = joined.last, (last == "e" && word == "mail") || (last == "post" && word == "code")
                || (last == "zip" && word == "code") || (last == "user" && word == "name") {
                joined[joined.count - 1] = last == "zip" ? "zipcode" : last + word
            } else {
                joined.append(word)
            }
        }
        return joined
    }
}
