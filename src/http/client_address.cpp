#include "http/client_address.hpp"

#include <algorithm>

namespace patronage::http {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

bool is_trusted(const boost::asio::ip::address& address, const std::vector<boost::asio::ip::address>& trusted) {
  return std::find(trusted.begin(), trusted.end(), address) != trusted.end();
}

} // namespace

std::optional<boost::asio::ip::address> parse_ip(std::string_view text) {
  text = trim(text);
  if (text.starts_with('[')) { // [v6] or [v6]:port
    const size_t close = text.find(']');
    if (close == std::string_view::npos) {
      return std::nullopt;
    }
    text = text.substr(1, close - 1);
  } else if (std::count(text.begin(), text.end(), ':') == 1) { // v4:port
    text = text.substr(0, text.find(':'));
  }
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(std::string(text), ec);
  if (ec) {
    return std::nullopt;
  }
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return boost::asio::ip::address(boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6()));
  }
  return address;
}

std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const std::vector<boost::asio::ip::address>& trusted_proxies) {
  const auto peer_ip = parse_ip(peer);
  if (!peer_ip) {
    return std::string(peer);
  }
  std::string peer_text = peer_ip->to_string();
  if (!is_trusted(*peer_ip, trusted_proxies)) {
    return peer_text;
  }
  size_t end = forwarded_for.size();
  while (end > 0) {
    const size_t comma = forwarded_for.rfind(',', end - 1);
    const size_t start = comma == std::string_view::npos ? 0 : comma + 1;
    const auto entry = trim(forwarded_for.substr(start, end - start));
    if (!entry.empty()) {
      const auto ip = parse_ip(entry);
      if (!ip) {
        return peer_text; // not what a trusted proxy writes: believe nothing left of it
      }
      if (!is_trusted(*ip, trusted_proxies)) {
        return ip->to_string();
      }
    }
    if (comma == std::string_view::npos) {
      break;
    }
    end = comma;
  }
  return peer_text;
}

} // namespace patronage::http
