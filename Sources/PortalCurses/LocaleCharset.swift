import Foundation

/// The character set of the locale the process runs in, once setlocale has
/// read the environment.
enum LocaleCharset {
    static var isUTF8: Bool {
        guard let name = nl_langinfo(nl_item(CODESET)) else { return false }
        let codeset = String(cString: name).uppercased()
        return codeset == "UTF-8" || codeset == "UTF8"
    }
}
