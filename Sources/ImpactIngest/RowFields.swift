import Foundation
import ImpactStore

/// Read access to the cells of one input row, by field position.
protocol RowFields {
    /// Number of fields in the row.
    var fieldCount: Int { get }
    /// The trimmed text of a field.
    func field(_ index: Int) -> String
    /// Whether the field is empty after trimming.
    func isEmpty(_ index: Int) -> Bool
    /// Calls `body` with the trimmed bytes of a field.
    func withTrimmedBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
}

extension CSVReader: RowFields {}

/// A row built in memory, e.g. one answer of a wide survey export.
struct ArrayRow: RowFields {
    var values: [String]

    var fieldCount: Int { values.count }

    func field(_ index: Int) -> String { CSVReader.trimmingBlanks(values[index]) }

    func isEmpty(_ index: Int) -> Bool { field(index).isEmpty }

    func withTrimmedBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var text = field(index)
        return try text.withUTF8(body)
    }
}

/// Where each known column of a file sits, and which columns are unknown (kept in `extra`).
struct ColumnMap {
    /// Field index of each known column, by lower-case name.
    let index: [String: Int]
    /// Unknown columns: field index and header as written (trimmed).
    let unknown: [(index: Int, name: String)]
    /// Columns of personal data the kind does not store (`isPersonalData(_:in:)`): never kept in
    /// `extra` or in rejected rows.
    let personal: [(index: Int, name: String)]
    /// Number of header fields.
    let width: Int

    /// Columns of personal data that no file about people keeps as an unknown column.
    static let personalColumns: Set<String> = ["email", "name", "postcode"]

    /// Header names of personal data, letters and digits only, lower case: what CRMs, forms and
    /// spreadsheets call names, contact details, addresses, birth dates and official numbers.
    static let personalDataNames: Set<String> = [
        "name", "fullname", "firstname", "lastname", "surname", "forename", "forenames", "givenname", "givennames",
        "familyname", "middlename", "middlenames", "preferredname", "knownas", "studentname", "pupilname",
        "participantname", "learnername", "parentname", "guardianname", "carername", "contactname",
        "email", "emailaddress", "mail", "personalemail", "schoolemail", "workemail", "studentemail",
        "parentemail", "guardianemail", "contactemail",
        "phone", "phonenumber", "telephone", "telephonenumber", "tel", "mobile", "mobilenumber", "mobilephone",
        "cellphone", "contactnumber", "parentphone", "guardianphone",
        "postcode", "postalcode", "zip", "zipcode", "homepostcode", "fullpostcode",
        "address", "address1", "address2", "address3", "addressline1", "addressline2", "addressline3",
        "streetaddress", "street", "homeaddress", "houseno", "housenumber", "housename",
        "dateofbirth", "dob", "birthdate", "birthday", "dateofbirthddmmyyyy",
        "nationalinsurancenumber", "ninumber", "nino", "upn", "uniquepupilnumber", "uln", "uniquelearnernumber",
        "passportnumber", "nhsnumber", "ipaddress", "socialmedia", "instagram", "twitter", "linkedin",
    ]

    /// Names that are personal data only in a file about people: elsewhere they name the thing
    /// itself (a cohort's name, a venue's address or postcode).
    static let personalInFilesAboutPeople: Set<String> = [
        "name", "address", "address1", "address2", "address3", "addressline1", "addressline2", "addressline3",
        "streetaddress", "street", "postcode", "postalcode", "zip", "zipcode", "fullpostcode",
    ]

    /// The words of a header, lower case: split at anything but letters and digits, and where a
    /// lower-case letter meets an upper-case one (`ParentMobile`); `e-mail` and `post code` are
    /// read as one word each.
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
            if let last = joined.last, (last == "e" && word == "mail") || (last == "post" && word == "code") {
                joined[joined.count - 1] = last + word
            } else {
                joined.append(word)
            }
        }
        return joined
    }

    /// Whether a header names personal data (case, spaces and punctuation aside: `E-mail
    /// Address`, `First Name`, `Post Code`, `D.O.B.`) in a file of `kind`.
    static func isPersonalData(_ header: String, in kind: FileKind) -> Bool {
        let letters = String(header.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) })
        // Contact details and birth dates under other wordings (`Lead email`, `Parent mobile`,
        // `Home postcode`): a word of the header, unless another word says the column is about
        // the channel rather than the person's details (`email_opt_in`, `Mobile app used`).
        let words = headerWords(header)
        let about = ["opt", "optin", "optout", "consent", "access", "used", "use", "app", "interview", "verified",
                     "sent", "subscribed", "preference", "preferred", "status", "type", "count", "allowed"]
        if !words.contains(where: about.contains) {
            if words.contains(where: ["email", "phone", "mobile", "telephone", "dob"].contains) || letters.contains("dateofbirth") { return true }
            if words.contains("postcode") { return kind.identifiesParticipant }
        }
        guard personalDataNames.contains(letters) else { return false }
        return kind.identifiesParticipant || !personalInFilesAboutPeople.contains(letters)
    }

    /// Maps a header row; refuses duplicates and missing required columns.
    init(headers: [String], kind: FileKind, file: String, line: Int) throws {
        var index: [String: Int] = [:]
        var unknown: [(Int, String)] = []
        var personal: [(Int, String)] = []
        var seen: [String: Int] = [:]
        let known = Set(kind.columns.map(\.name))
        for (position, raw) in headers.enumerated() {
            let name = CSVReader.trimmingBlanks(raw)
            let lower = name.lowercased()
            if name.isEmpty {
                unknown.append((position, "column_\(position + 1)"))
                continue
            }
            if let first = seen[lower] {
                throw IngestError.header(file: file, line: line, column: position + 1,
                                         message: "column \"\(name)\" appears twice (fields \(first + 1) and \(position + 1)); rename or remove one of them")
            }
            seen[lower] = position
            // In every file about people, e-mail, name and postcode are personal data: mapped
            // (so that rejected rows have them removed) even where the kind does not store
            // them, never kept in `extra` (docs/privacy.md).
            if known.contains(lower) || (kind.identifiesParticipant && Self.personalColumns.contains(lower)) {
                index[lower] = position
            } else if Self.isPersonalData(name, in: kind) {
                // Personal data the engine does not store, in any file (docs/privacy.md).
                personal.append((position, name))
            } else {
                unknown.append((position, name))
            }
        }
        for column in kind.columns where column.required && index[column.name] == nil {
            var hint = "add it, or rename the column that holds it"
            if headers.count == 1, let only = headers.first, let separator = [";", "\t", "|"].first(where: { only.contains($0) }) {
                let name = separator == "\t" ? "tabs" : "\"\(separator)\""
                hint = "the file seems to separate its columns with \(name), not commas: export it as CSV with commas (in Excel: Save As, \"CSV UTF-8\")"
            }
            throw IngestError.header(file: file, line: line, column: 1,
                                     message: "required column \"\(column.name)\" is missing (the header has: \(headers.joined(separator: ", "))); \(hint)")
        }
        if kind.identifiesParticipant, index["participant_id"] == nil, index["email"] == nil {
            throw IngestError.header(file: file, line: line, column: 1,
                                     message: "neither participant_id nor email is in the header; add a participant_id column (or an email column to derive it)")
        }
        self.index = index
        self.unknown = unknown
        self.personal = personal
        self.width = headers.count
    }

    subscript(name: String) -> Int? { index[name] }
}

/// JSON object text of the unknown columns of a row (non-empty cells only), or nil.
func extraJSON<R: RowFields>(_ row: R, _ unknown: [(index: Int, name: String)]) -> String? {
    var json = ""
    for (index, name) in unknown where index < row.fieldCount && !row.isEmpty(index) {
        json += json.isEmpty ? "{" : ","
        JSONText.append(name, to: &json)
        json += ":"
        JSONText.append(row.field(index), to: &json)
    }
    return json.isEmpty ? nil : json + "}"
}
