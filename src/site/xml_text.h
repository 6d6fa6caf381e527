// Text for XML documents (RSS feeds, sitemaps) and for JSON-LD inside an HTML page.
//
// Stored text is meant to be valid UTF-8 in NFC, but a title pasted from Word can still carry
// control characters, and nothing in the store proves the bytes are well-formed. XML 1.0
// forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF outright (a parser must stop at
// them), so these functions never let such a character through: ill-formed UTF-8 becomes
// U+FFFD and forbidden characters are dropped. Emoji, combining marks and every other
// character XML allows pass unchanged. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace congtin::site {

// s as XML character data or attribute value: & < > " ' escaped, forbidden characters
// dropped, ill-formed UTF-8 replaced with U+FFFD.
std::string xml_escape(std::string_view s);

// j as JSON text safe to place raw inside <script type="application/ld+json">: '<', '>' and
// '&' are written as \u003c, \u003e, \u0026 (so "</script>" or "<!--" in a title cannot end
// the element), ill-formed UTF-8 becomes U+FFFD. The result parses back to the same value.
std::string json_for_script(const nlohmann::json& j);

// s percent-encoded for a URI component (RFC 3986 unreserved characters kept), e.g. the
// subject of a mailto: link.
std::string uri_component(std::string_view s);

}  // namespace congtin::site
