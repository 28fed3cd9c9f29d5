#include "http/server.hpp"

#include "util/log.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace patronage::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

// One open connection, as the stop sees it. `stream` and `idle` are touched
// only on the connection's strand (`executor`).
struct Connection {
  explicit Connection(asio::any_io_executor ex) : executor(std::move(ex)) {}
  asio::any_io_executor executor;
  beast::tcp_stream* stream = nullptr;
  bool idle = false; // waiting for the first byte of a request
  bool held = false; // counted in flight by the stop: its request had arrived
};

// The acceptor and the signal set are touched only on `strand`: the accept
// loop, the signal handler and the stop request run on different threads.
struct ServerState {
  explicit ServerState(const ServerOptions& o)
      : options(o), strand(asio::make_strand(ioc)), acceptor(strand), signals(strand, SIGINT, SIGTERM) {}
  const ServerOptions& options;
  asio::io_context ioc;
  asio::strand<asio::io_context::executor_type> strand;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
  std::atomic<int> stop_checks{0}; // connections the stop has yet to look at
  std::mutex connections_mutex;
  std::set<std::shared_ptr<Connection>> connections;
};

// Registers a connection for the stop and unregisters it when the connection ends.
class Registered {
public:
  Registered(ServerState& state, std::shared_ptr<Connection> connection)
      : m_state(state), m_connection(std::move(connection)) {
    const std::scoped_lock lock(m_state.connections_mutex);
    m_state.connections.insert(m_connection);
  }
  ~Registered() {
    m_connection->stream = nullptr;
    const std::scoped_lock lock(m_state.connections_mutex);
    m_state.connections.erase(m_connection);
  }
  Registered(const Registered&) = delete;
  Registered& operator=(const Registered&) = delete;

private:
  ServerState& m_state;
  std::shared_ptr<Connection> m_connection;
};

struct InFlight {
  explicit InFlight(std::atomic<int>& counter) : m_counter(counter) { ++m_counter; }
  ~InFlight() { --m_counter; }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;
  std::atomic<int>& m_counter;
};

// After refusing a body as too large the server reads and drops what the
// client still sends, for this long and up to this many bytes, before it
// closes: a client that is still writing then reads the 413 instead of a reset.
constexpr auto k_linger_time = std::chrono::seconds{5};
constexpr size_t k_linger_bytes = size_t{64} << 20;

asio::awaitable<void> serve_connection(tcp::socket socket, ServerState& state, RequestHandler& handler) {
  beast::error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  const std::string address = ec ? std::string("unknown") : remote.address().to_string();
  socket.set_option(tcp::no_delay(true), ec);
  beast::tcp_stream stream(std::move(socket));
  auto connection = std::make_shared<Connection>(stream.get_executor());
  connection->stream = &stream;
  const Registered registered(state, connection);
  beast::flat_buffer buffer;
  bool first = true;
  while (!state.stopping) {
    stream.expires_after(first ? state.options.read_timeout : state.options.idle_timeout);
    first = false;
    if (buffer.size() == 0) {
      // Idle until the first byte of the next request: a stop closes the
      // connection here, while a request that has begun to arrive is served.
      connection->idle = true;
      auto [idle_error, idle_bytes] =
          co_await stream.async_read_some(buffer.prepare(16 * 1024), asio::as_tuple(asio::use_awaitable));
      connection->idle = false;
      if (connection->held) {
        connection->held = false;
        --state.in_flight; // the guard below (or the break) takes over
      }
      if (idle_error) {
        break;
      }
      buffer.commit(idle_bytes);
    }
    InFlight guard(state.in_flight);
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(32 * 1024);
    parser.body_limit(boost::none); // the route's limit is set once the header is read
    stream.expires_after(state.options.read_timeout);
    auto [header_error, header_bytes] =
        co_await bhttp::async_read_header(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
    if (header_error) {
      break;
    }
    size_t limit = handler.body_limit(parser.get());
    if (limit == 0) {
      limit = state.options.body_limit;
    }
    // A declared length over the limit is refused before any of the body is
    // read; a chunked body stops at the limit.
    bool too_large = parser.content_length() && *parser.content_length() > limit;
    if (!too_large) {
      parser.body_limit(limit);
      auto [read_error, read_bytes] =
          co_await bhttp::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
      too_large = read_error == bhttp::error::body_limit;
      if (read_error && !too_large) {
        break;
      }
    }
    if (too_large) {
      Response res = handler.refuse(
          parser.get(), util::Error::too_large("request.body_too_large").with("limit", std::to_string(limit)));
      res.keep_alive(false);
      res.prepare_payload();
      stream.expires_after(state.options.read_timeout);
      auto [write_error, written] = co_await bhttp::async_write(stream, res, asio::as_tuple(asio::use_awaitable));
      if (!write_error) {
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream.expires_after(k_linger_time);
        std::vector<char> scratch(16 * 1024);
        size_t dropped = 0;
        while (dropped < k_linger_bytes) {
          auto [drop_error, n] =
              co_await stream.async_read_some(asio::buffer(scratch), asio::as_tuple(asio::use_awaitable));
          if (drop_error) {
            break;
          }
          dropped += n;
        }
      }
      break;
    }
    const Request request = parser.release();
    Response res = co_await handler.handle(request, address);
    const bool keep_alive = request.keep_alive() && !state.stopping;
    res.keep_alive(keep_alive);
    if (request.method() != bhttp::verb::head) {
      res.prepare_payload();
    }
    stream.expires_after(state.options.read_timeout);
    auto [write_error, written] = co_await bhttp::async_write(stream, res, asio::as_tuple(asio::use_awaitable));
    if (write_error || !keep_alive) {
      break;
    }
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

asio::awaitable<void> accept_loop(ServerState& state, RequestHandler& handler) {
  for (;;) {
    auto [ec, socket] =
        co_await state.acceptor.async_accept(asio::make_strand(state.ioc), asio::as_tuple(asio::use_awaitable));
    if (ec) {
      if (!state.acceptor.is_open()) {
        co_return;
      }
      continue;
    }
    auto executor = socket.get_executor();
    asio::co_spawn(executor, serve_connection(std::move(socket), state, handler), asio::detached);
  }
}

asio::awaitable<void> drain(ServerState& state) {
  const auto deadline = std::chrono::steady_clock::now() + state.options.shutdown_grace;
  asio::steady_timer timer(state.ioc);
  // The first wait lets a connection whose request bytes have just arrived
  // count itself in flight before the count is read.
  do {
    timer.expires_after(std::chrono::milliseconds(20));
    co_await timer.async_wait(asio::use_awaitable);
  } while ((state.in_flight > 0 || state.stop_checks > 0) && std::chrono::steady_clock::now() < deadline);
  util::log(util::LogLevel::info, "server stopped", {{"unfinished", state.in_flight.load()}});
  state.ioc.stop();
}

void begin_stop(ServerState& state) {
  if (state.stopping.exchange(true)) {
    return;
  }
  beast::error_code ec;
  state.acceptor.close(ec);
  state.signals.cancel(ec);
  {
    // Connections waiting for a request are closed; those with a request
    // that has arrived, or being read, handled or answered, finish it (drain
    // waits for them, up to the grace).
    const std::scoped_lock lock(state.connections_mutex);
    for (const auto& connection : state.connections) {
      ++state.stop_checks;
      asio::post(connection->executor, [connection, &state] {
        if (connection->idle && connection->stream != nullptr) {
          beast::error_code error;
          if (connection->stream->socket().available(error) > 0 && !error) {
            connection->held = true;
            ++state.in_flight;
          } else {
            connection->stream->cancel();
          }
        }
        --state.stop_checks;
      });
    }
  }
  asio::co_spawn(state.ioc, drain(state), asio::detached);
}

} // namespace

Server::Server(ServerOptions options, RequestHandler& handler) : m_options(std::move(options)), m_handler(handler) {}

util::Status Server::run(const std::function<void(unsigned short)>& on_ready) {
  ServerState state(m_options);
  beast::error_code ec;
  const auto ip = asio::ip::make_address(m_options.address, ec);
  if (ec) {
    return util::fail(util::Error::field("listen", "config.listen_invalid").with("reason", ec.message()));
  }
  const tcp::endpoint endpoint(ip, m_options.port);
  state.acceptor.open(endpoint.protocol(), ec);
  if (!ec) {
    state.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    state.acceptor.bind(endpoint, ec);
  }
  if (!ec) {
    state.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    return util::fail(util::Error::unavailable("server.cannot_listen").with("reason", ec.message()));
  }
  state.signals.async_wait([&state](const beast::error_code& error, int) {
    if (!error) {
      begin_stop(state);
    }
  });
  asio::co_spawn(state.strand, accept_loop(state, m_handler), asio::detached);
  if (on_ready) {
    on_ready(state.acceptor.local_endpoint().port());
  }
  asio::steady_timer watcher(state.ioc);
  std::function<void()> watch = [&] {
    watcher.expires_after(std::chrono::milliseconds(50));
    watcher.async_wait([&](const beast::error_code& error) {
      if (error || state.stopping) {
        return;
      }
      if (m_stop_requested) {
        asio::post(state.strand, [&state] { begin_stop(state); });
        return;
      }
      watch();
    });
  };
  watch();
  const unsigned threads =
      m_options.threads != 0 ? m_options.threads : std::max(1U, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) {
    pool.emplace_back([&state] { state.ioc.run(); });
  }
  state.ioc.run();
  for (auto& t : pool) {
    t.join();
  }
  return {};
}

void Server::stop() {
  m_stop_requested = true;
}

} // namespace patronage::http
