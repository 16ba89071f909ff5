import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One resource of a PROPFIND answer (RFC 4918 §9.1): what the provider needs of it.
struct ListedResource: Sendable, Equatable {
    /// The resource's path, percent-decoded, without a trailing `/`.
    var path: String
    var isCollection: Bool
    var contentLength: Int?
    var lastModified: Date?

    /// The last path segment.
    var name: String { path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? "" }
}

/// The properties a PROPFIND asks for.
enum PropfindBody {
    static let properties = Data("""
        <?xml version="1.0" encoding="utf-8"?>
        <D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/><D:getcontentlength/><D:getlastmodified/></D:prop></D:propfind>
        """.utf8)
}

/// Parses a `207 Multi-Status` body: `DAV:response` elements with `DAV:href` and the
/// properties of their `200` `DAV:propstat`. External entities are never resolved.
final class MultistatusParser: NSObject, XMLParserDelegate {
    /// At most this many resources are read from one answer.
    static let maximumResources = 4096

    private var resources: [ListedResource] = []
    private var path: [String] = []
    private var text = ""
    private var href: String?
    private var propstatStatusOK = false
    private var propstatCollection = false
    private var propstatLength: Int?
    private var propstatModified: Date?
    private var collection = false
    private var length: Int?
    private var modified: Date?
    private var tooMany = false

    /// The resources of `body`, or `nil` when it is not a well-formed multistatus.
    static func parse(_ body: [UInt8], relativeTo base: URL) -> [ListedResource]? {
        let delegate = MultistatusParser()
        let parser = XMLParser(data: Data(body))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        guard parser.parse(), !delegate.tooMany else { return nil }
        var listed: [ListedResource] = []
        for resource in delegate.resources {
            guard let decoded = Self.decodedPath(of: resource.path, relativeTo: base) else { return nil }
            var entry = resource
            entry.path = decoded
            listed.append(entry)
        }
        return listed
    }

    /// `href` (an absolute path or a whole URL) as a percent-decoded path without a trailing `/`.
    static func decodedPath(of href: String, relativeTo base: URL) -> String? {
        guard let url = URL(string: href.trimmingCharacters(in: .whitespacesAndNewlines), relativeTo: base) else {
            return nil
        }
        return trimmedPath(url)
    }

    /// `url`'s path, percent-decoded, without a trailing `/` (`/` stays `/`).
    static func trimmedPath(_ url: URL) -> String {
        var path = url.path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path.isEmpty ? "/" : path
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        let name = namespaceURI == "DAV:" ? elementName : "?"
        path.append(name)
        text = ""
        switch name {
        case "response":
            href = nil
            collection = false
            length = nil
            modified = nil
        case "propstat":
            propstatStatusOK = false
            propstatCollection = false
            propstatLength = nil
            propstatModified = nil
        case "collection" where path.suffix(2).first == "resourcetype":
            propstatCollection = true
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if text.utf8.count < 4096 { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        let name = path.last ?? ""
        // Trimmed only for the elements whose text is read (most elements have none).
        var value: String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
        switch name {
        case "href" where path.suffix(2).first == "response":
            href = value
        case "status" where path.suffix(2).first == "propstat":
            // "HTTP/1.1 200 OK"
            propstatStatusOK = value.split(separator: " ").dropFirst().first == "200"
        case "getcontentlength":
            propstatLength = Int(value)
        case "getlastmodified":
            propstatModified = HTTPDate.parse(value)
        case "propstat":
            if propstatStatusOK {
                collection = collection || propstatCollection
                length = propstatLength ?? length
                modified = propstatModified ?? modified
            }
        case "response":
            if let href {
                if resources.count >= Self.maximumResources {
                    tooMany = true
                    parser.abortParsing()
                } else {
                    resources.append(ListedResource(
                        path: href, isCollection: collection, contentLength: length, lastModified: modified))
                }
            }
        default:
            break
        }
        if !path.isEmpty { path.removeLast() }
        text = ""
    }
}
