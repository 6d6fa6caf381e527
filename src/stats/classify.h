// Which requests are a person reading a page, and what little we note about them.
//
// A request counts when it is a GET answered 200 with an HTML page outside /api/, /static/,
// /media/ and /admin, that is not a prefetch or prerender (Purpose, Sec-Purpose, X-Moz,
// X-Purpose headers), not a sub-resource or frame load (Sec-Fetch-Dest other than
// "document"), and that comes from a browser: a user agent that starts with "Mozilla/", is at
// most kMaxUserAgentBytes long, names no known crawler, monitor, preview fetcher or HTTP
// library, and sends an Accept header (every browser does; many scripts do not). HEAD is
// never counted. Pure functions, thread-safe; none allocates except client_address.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "http/message.h"

namespace congtin::stats {

inline constexpr std::size_t kMaxUserAgentBytes = 512;

// True for crawlers, bots, monitors, link-preview fetchers, HTTP libraries and anything whose
// user agent is empty, absurdly long or not browser-shaped.
bool is_bot(std::string_view user_agent);
// True when the browser says it is only prefetching or prerendering the page.
bool is_prefetch(const http::Request& req);
// The whole rule above: true when this exchange is a page view by a person.
bool is_page_view(const http::Request& req, const http::Response& res);

// The canonical text of an IPv4 or IPv6 address ("2001:db8::1"), or empty if s is not one.
std::string canonical_address(std::string_view s);

// The client's address. The peer (req.remote_addr) unless the peer is one of
// trusted_proxies, in which case X-Forwarded-For is read from the right: the first address
// that is not itself a trusted proxy. An X-Forwarded-For from an untrusted peer is ignored;
// a malformed or absurdly long one falls back to the peer.
std::string client_address(const http::Request& req, std::span<const std::string> trusted_proxies);

// "Chrome", "Firefox", "Safari", "Edge", "Cốc Cốc", "Opera", "Samsung Internet", "Khác".
std::string_view browser_of(std::string_view user_agent);
// "Điện thoại", "Máy tính bảng", "Máy tính".
std::string_view device_of(std::string_view user_agent);
// The host of an external Referer ("baochinhphu.vn", lower case, without "www."), or empty
// when there is none, it is this site's own host, or it is not an http(s) URL.
std::string referrer_host(std::string_view referer, std::string_view own_host);

}  // namespace congtin::stats
