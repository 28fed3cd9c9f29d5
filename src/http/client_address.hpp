#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ip/address.hpp>

namespace patronage::http {

// An IP address as written in configuration or in X-Forwarded-For ("1.2.3.4",
// "1.2.3.4:5678", "::1", "[::1]:5678"); an IPv4-mapped IPv6 address becomes
// IPv4. nullopt when it is not an IP address.
std::optional<boost::asio::ip::address> parse_ip(std::string_view text);

// The client's address, for the audit log and the sign-in throttle. When the
// TCP peer `peer` is one of `trusted_proxies`, the rightmost entry of
// `forwarded_for` (the X-Forwarded-For values in order, comma-joined) that is
// not itself a trusted proxy: the entries left of it were written by the
// client and are never believed. Otherwise, or when that entry is not an IP
// address or there is none, the peer: a client cannot choose its address.
std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const std::vector<boost::asio::ip::address>& trusted_proxies);

} // namespace patronage::http
