// libFuzzer target for the JSON body reader (http/json_input) and the
// router's match (http/router). Built by bench/fuzz/build_libfuzzer.sh with
// clang, -fsanitize=fuzzer,address,undefined; not part of the test command.
//
// The first input byte picks the target: even -> JsonInput on the rest as a
// request body, odd -> Router::match of the rest as a path, for every route
// of src/http/openapi.json. Invariants checked besides memory safety: a
// parsed body is an object; a match has the requested method and one
// non-empty, slash-free value per "{name}" of its pattern.

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <boost/json.hpp>

#include "http/json_input.hpp"
#include "http/router.hpp"

namespace {

using patronage::http::Router;
using patronage::http::Verb;

Router* g_router = nullptr;
const Verb k_verbs[] = {Verb::get, Verb::post, Verb::put, Verb::patch, Verb::delete_, Verb::head, Verb::options};

void check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

void fuzz_json(const uint8_t* data, size_t size) {
  patronage::http::Request request;
  request.set(boost::beast::http::field::content_type, "application/json");
  request.body().assign(reinterpret_cast<const char*>(data), size);
  auto input = patronage::http::JsonInput::parse(request);
  if (!input) {
    return;
  }
  // Read as a handler would: every getter on keys a fuzzer finds easily.
  (void)input->required_string("name", 10);
  (void)input->optional_string("a");
  (void)input->optional_bool("b");
  (void)input->optional_int("n");
  (void)input->string_list("l", 3, 5);
  (void)input->contains("c");
  (void)input->raw("r");
  if (auto child = input->optional_object("o")) {
    (void)child->required_string("name");
    (void)child->optional_int("n");
    if (auto grandchild = child->optional_object("o")) {
      (void)grandchild->optional_string("a");
      child->merge(*grandchild);
    }
    input->merge(*child);
  }
  for (auto& item : input->object_list("items", 5)) {
    (void)item.optional_string("a");
    (void)item.optional_bool("b");
    input->merge(item);
  }
  auto finished = input->finish();
  if (!finished) {
    check(!finished.error().key.empty(), "an error without a key");
  }
}

void fuzz_router(uint8_t selector, const uint8_t* data, size_t size) {
  const Verb method = k_verbs[(selector >> 1) % std::size(k_verbs)];
  const std::string_view path(reinterpret_cast<const char*>(data), size);
  const auto match = g_router->match(method, path);
  if (match.route == nullptr) {
    return;
  }
  check(match.route->method == method, "a match with another method");
  size_t captures = 0;
  for (const auto& segment : match.route->segments) {
    if (segment.size() > 2 && segment.front() == '{') {
      ++captures;
      const auto value = match.params.find(segment.substr(1, segment.size() - 2));
      check(value != match.params.end(), "a capture without a value");
      check(!value->second.empty() && value->second.find('/') == std::string::npos, "an empty or slashed value");
    }
  }
  check(match.params.size() == captures, "values for names the pattern lacks");
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* path = std::getenv("PATRONAGE_OPENAPI");
  std::ifstream in(path != nullptr ? path : PATRONAGE_OPENAPI_PATH);
  std::stringstream text;
  text << in.rdbuf();
  const auto spec = boost::json::parse(text.str());
  g_router = new Router();
  for (const auto& [pattern, item] : spec.at("paths").as_object()) {
    for (const auto& [method, operation] : item.as_object()) {
      (void)operation;
      const auto verb = boost::beast::http::string_to_verb(std::string(method) == "delete" ? "DELETE"
                                                           : method == "get"                ? "GET"
                                                           : method == "post"               ? "POST"
                                                           : method == "put"                ? "PUT"
                                                           : method == "patch"              ? "PATCH"
                                                                                            : "");
      if (verb != Verb::unknown) {
        g_router->add_sync(verb, std::string(pattern), patronage::http::Access::open,
                           [](patronage::http::Call&) { return patronage::http::Response{}; });
      }
    }
  }
  check(!g_router->routes().empty(), "no routes read from openapi.json");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) {
    return 0;
  }
  if ((data[0] & 1) == 0) {
    fuzz_json(data + 1, size - 1);
  } else {
    fuzz_router(data[0], data + 1, size - 1);
  }
  return 0;
}
