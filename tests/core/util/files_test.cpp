// Reading files a user (or an attacker) hands us: regular files only, bounded, never a wait.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "test_model.h"
#include "util/error.h"
#include "util/files.h"

namespace kinora {
namespace {

namespace fs = std::filesystem;
using test::errorOf;

TEST(Files, PrintablePathEscapesControlCharacters) {
    EXPECT_EQ(printablePath("clip\n[ok] fake line"), "clip\\n[ok] fake line");
    EXPECT_EQ(printablePath("a\x1b[2Jb"), "a\\x1b[2Jb");
    EXPECT_EQ(printablePath("tab\there\\"), "tab\\there\\");   // a backslash is kept
    EXPECT_EQ(printablePath(printablePath("a\nb")), "a\\nb");  // escaping twice: the same
    EXPECT_EQ(printablePath("café/雪.png"), "café/雪.png");    // UTF-8 is kept as is
}

TEST(Files, OnlyRegularFilesAreReadAndNeverWaitedOn) {
    const std::string dir = test::tempDir("files");
    const std::string fifo = dir + "/pipe";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    EXPECT_NE(errorOf([&] {
                  readRegularFile(fifo, 100, "list");
              }).find("list " + fifo + ": is a FIFO (named pipe), not a regular file"),
              std::string::npos);
    EXPECT_NE(errorOf([&] { requireRegularFile(fifo); }).find("is a FIFO"), std::string::npos);
    EXPECT_NE(errorOf([&] { readRegularFile("/dev/zero", 100); }).find("is a character device"),
              std::string::npos);
    EXPECT_NE(errorOf([&] { readRegularFile(dir, 100); }).find("is a folder"), std::string::npos);
    EXPECT_NE(errorOf([&] { readRegularFile(dir + "/none", 100); }).find("no such file"),
              std::string::npos);
    EXPECT_NE(errorOf([&] { readRegularFile("", 100, "suite"); }).find("suite: no path given"),
              std::string::npos);
    std::ofstream(dir + "/big") << std::string(1000, 'x');
    EXPECT_NE(errorOf([&] {
                  readRegularFile(dir + "/big", 999);
              }).find("1000 bytes is too large (at most 999)"),
              std::string::npos);
    EXPECT_EQ(readRegularFile(dir + "/big", 1000), std::string(1000, 'x'));
    // A symbolic link to a regular file is that file.
    fs::create_symlink(dir + "/big", dir + "/link");
    EXPECT_EQ(readRegularFile(dir + "/link", 1000).size(), 1000u);
    EXPECT_TRUE(sameFile(dir + "/link", dir + "/big"));
    EXPECT_TRUE(sameFile(dir + "/./big", dir + "/big"));
    EXPECT_FALSE(sameFile(dir + "/big", dir + "/none"));
}

TEST(Files, StaysInsideFollowsLinksOfTheExistingPart) {
    const std::string dir = test::tempDir("inside");
    fs::create_directories(dir + "/project/media");
    fs::create_directories(dir + "/elsewhere");
    fs::create_directory_symlink(dir + "/elsewhere", dir + "/project/out");
    const std::string root = dir + "/project";
    EXPECT_TRUE(staysInside(root, root + "/media/shot-1/take-1/0000.png"));
    EXPECT_TRUE(staysInside(root, root));
    EXPECT_FALSE(staysInside(root, root + "/out/take-1.mp4"));
    EXPECT_FALSE(staysInside(root, root + "/media/../../elsewhere/x"));
    EXPECT_FALSE(staysInside(root, dir + "/project-other/x"));  // a prefix is not inside
    EXPECT_TRUE(staysInside(root + "/", root + "/media"));
}

}  // namespace
}  // namespace kinora
