// Which address a request comes from (issue 12): X-Forwarded-For is believed
// only from a configured trusted proxy, and then only its rightmost entry that
// is not itself a trusted proxy.
#include <gtest/gtest.h>

#include "http/client_address.hpp"

namespace patronage::http {
namespace {

std::vector<boost::asio::ip::address> proxies(std::initializer_list<const char*> list) {
  std::vector<boost::asio::ip::address> out;
  for (const char* text : list) {
    out.push_back(*parse_ip(text));
  }
  return out;
}

TEST(ClientAddress, WithoutTrustedProxiesTheHeaderIsIgnored) {
  EXPECT_EQ(client_address("192.0.2.1", "198.51.100.7", {}), "192.0.2.1");
  EXPECT_EQ(client_address("192.0.2.1", "", {}), "192.0.2.1");
}

TEST(ClientAddress, FromAnUntrustedPeerTheHeaderIsIgnored) {
  EXPECT_EQ(client_address("192.0.2.1", "198.51.100.7", proxies({"10.0.0.1"})), "192.0.2.1");
}

TEST(ClientAddress, FromATrustedProxyTheRightmostUntrustedEntryIsTheClient) {
  const auto trusted = proxies({"10.0.0.1", "10.0.0.2"});
  EXPECT_EQ(client_address("10.0.0.1", "198.51.100.7", trusted), "198.51.100.7");
  EXPECT_EQ(client_address("10.0.0.1", "203.0.113.9, 198.51.100.7", trusted), "198.51.100.7")
      << "the left entry was written by the client";
  EXPECT_EQ(client_address("10.0.0.1", "203.0.113.9, 198.51.100.7, 10.0.0.2", trusted), "198.51.100.7")
      << "a chain of trusted proxies";
  EXPECT_EQ(client_address("10.0.0.1", "198.51.100.7,10.0.0.2 , ", trusted), "198.51.100.7");
  EXPECT_EQ(client_address("10.0.0.1", "[2001:db8::1]:4711", trusted), "2001:db8::1");
  EXPECT_EQ(client_address("10.0.0.1", "198.51.100.7:4711", trusted), "198.51.100.7");
}

TEST(ClientAddress, NoUsableEntryMeansThePeer) {
  const auto trusted = proxies({"10.0.0.1", "10.0.0.2"});
  EXPECT_EQ(client_address("10.0.0.1", "", trusted), "10.0.0.1");
  EXPECT_EQ(client_address("10.0.0.1", "10.0.0.2", trusted), "10.0.0.1");
  EXPECT_EQ(client_address("10.0.0.1", "198.51.100.7, unknown", trusted), "10.0.0.1")
      << "garbage where the proxy writes: believe nothing left of it";
  EXPECT_EQ(client_address("10.0.0.1", "198.51.100.7, 10.0.0.1 10.0.0.2", trusted), "10.0.0.1");
}

TEST(ClientAddress, MappedAddressesAreIpv4) {
  EXPECT_EQ(client_address("::ffff:10.0.0.1", "198.51.100.7", proxies({"10.0.0.1"})), "198.51.100.7");
  EXPECT_EQ(client_address("::ffff:192.0.2.1", "", {}), "192.0.2.1");
  EXPECT_FALSE(parse_ip("not-an-address"));
  EXPECT_FALSE(parse_ip(""));
}

} // namespace
} // namespace patronage::http
