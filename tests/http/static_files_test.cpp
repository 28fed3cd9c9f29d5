#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "support/test_server.hpp"
#include "util/crypto.hpp"

namespace patronage::testing {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// A built web app in a temp folder, with a secret file beside it (outside the
// root) and a symlink inside it that points out.
class StaticFilesTest : public ::testing::TestWithParam<storage::Backend> {
protected:
  StaticFilesTest() : m_folder(fs::temp_directory_path() / ("patronage-web-" + util::random_id())) {
    write(m_folder / "secret.txt", "TOP-SECRET");
    write(root() / "index.html", "<html>app</html>");
    write(root() / "assets" / "app-1a2b.js", "console.log('app')");
    write(root() / "assets" / "app-1a2b.js.br", "BROTLI-BYTES");
    write(root() / "assets" / "app-1a2b.js.gz", "GZIP-BYTES");
    fs::create_symlink(m_folder / "secret.txt", root() / "leak.txt");
    fs::create_directory_symlink(m_folder, root() / "up");
  }
  ~StaticFilesTest() override {
    std::error_code ec;
    fs::remove_all(m_folder, ec);
  }
  fs::path root() const { return m_folder / "dist"; }
  http::ApiOptions options() const { return {root().string(), false, 1}; }

  fs::path m_folder;
};

bool leaks(const HttpResult& res) {
  return res.body.find("TOP-SECRET") != std::string::npos || res.body.find("root:") != std::string::npos ||
         res.body.find("SQLite format") != std::string::npos || res.body.find("PATH=") != std::string::npos;
}

TEST_P(StaticFilesTest, ServesTheBuiltApp) {
  TestServer server(GetParam(), options());
  TestClient client(server.port());
  auto index = client.get("/");
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<html>app</html>");
  EXPECT_EQ(index.headers["cache-control"], "no-cache");
  auto route = client.get("/cases/abc");
  EXPECT_EQ(route.status, 200) << "single-page routes get index.html";
  EXPECT_EQ(route.body, "<html>app</html>");
  auto script = client.get("/assets/app-1a2b.js");
  ASSERT_EQ(script.status, 200);
  EXPECT_EQ(script.body, "console.log('app')");
  EXPECT_EQ(script.headers["cache-control"], "public, max-age=31536000, immutable");
  EXPECT_EQ(script.headers["content-type"], "text/javascript; charset=utf-8");
  EXPECT_EQ(client.get("/assets/missing.js").status, 404);
}

TEST_P(StaticFilesTest, NoPathReachesOutsideTheAssetSet) {
  TestServer server(GetParam(), options());
  TestClient client(server.port());
  const std::string db_file = server.db_url().starts_with("sqlite:") ? server.db_url().substr(7) : "/etc/hostname";
  const std::string secret = (m_folder / "secret.txt").string();
  for (const std::string target : std::initializer_list<std::string>{"//etc/passwd", "/%2Fetc%2Fpasswd", "/%2F%2Fetc/passwd", "//proc/self/environ", "/%2Fproc/self/environ",
        "/../secret.txt", "/assets/../../secret.txt", "/%2E%2E/secret.txt", "/assets/%2E%2E/%2E%2E/secret.txt",
        "/..%2Fsecret.txt", "/leak.txt", "/up/secret.txt", "/up/dist/index.html", "//" + db_file.substr(1),
        "/%2F" + db_file.substr(1), "/" + secret, "//" + secret.substr(1), "/%2F" + secret.substr(1),
        "/assets/app-1a2b.js.br", "/index.html%00.js", "/\\etc\\passwd"}) {
    SCOPED_TRACE(target);
    auto res = client.get(target);
    EXPECT_FALSE(leaks(res)) << res.body.substr(0, 200);
    EXPECT_TRUE(res.status == 404 || res.status == 400 || res.body == "<html>app</html>") << res.status;
  }
}

TEST_P(StaticFilesTest, FilesAddedAfterStartAreNotServed) {
  TestServer server(GetParam(), options());
  write(root() / "late.txt", "TOP-SECRET");
  TestClient client(server.port());
  auto res = client.get("/late.txt");
  EXPECT_EQ(res.status, 404);
  EXPECT_FALSE(leaks(res));
}

TEST_P(StaticFilesTest, SendsPrecompressedVariantsAndRevalidates) {
  TestServer server(GetParam(), options());
  TestClient client(server.port());
  auto br = client.request("GET", "/assets/app-1a2b.js", "", {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_EQ(br.status, 200);
  EXPECT_EQ(br.body, "BROTLI-BYTES");
  EXPECT_EQ(br.headers["content-encoding"], "br");
  EXPECT_EQ(br.headers["vary"], "Accept-Encoding");
  auto gz = client.request("GET", "/assets/app-1a2b.js", "", {{"Accept-Encoding", "gzip, br;q=0"}});
  EXPECT_EQ(gz.body, "GZIP-BYTES");
  EXPECT_EQ(gz.headers["content-encoding"], "gzip");
  auto plain = client.get("/assets/app-1a2b.js");
  EXPECT_EQ(plain.body, "console.log('app')");
  EXPECT_EQ(plain.headers.count("content-encoding"), 0U);
  EXPECT_NE(plain.headers["etag"], br.headers["etag"]);
  auto index = client.get("/");
  auto again = client.request("GET", "/", "", {{"If-None-Match", index.headers["etag"]}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
}

TEST(StaticFilesLimits, ARootTooLargeStopsStartUp) {
  const fs::path folder = fs::temp_directory_path() / ("patronage-web-" + util::random_id());
  for (size_t i = 0; i <= http::StaticFiles::k_max_files; ++i) {
    write(folder / ("f" + std::to_string(i) + ".txt"), "x");
  }
  EXPECT_THROW(http::StaticFiles{folder.string()}, std::runtime_error);
  fs::remove_all(folder);
  EXPECT_EQ(http::StaticFiles{folder.string()}.size(), 0U) << "a missing root serves nothing";
}

INSTANTIATE_TEST_SUITE_P(Backends, StaticFilesTest, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
