// C2PA content credentials: CBOR, JUMBF, the BMFF hard binding, signing and verifying,
// the local test CA, kinora-cli verify / sign, and a cross-check with the C2PA SDK.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>

#include "media/ffmpeg_video.h"
#include "provenance/bmff.h"
#include "provenance/c2pa.h"
#include "provenance/cbor.h"
#include "provenance/delivery.h"
#include "provenance/jumbf.h"
#include "provenance/watermark.h"
#include "test_model.h"
#include "util/error.h"
#include "world/renderer.h"
#include "world/scene_sampler.h"

using namespace kinora;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("kinora-c2pa-test-" + std::to_string(::getpid()) + "-" +
                                            std::to_string(counter()++));
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    std::string operator/(const std::string& name) const { return (path / name).string(); }
    static int& counter() {
        static int n = 0;
        return n;
    }
};

Clip testClip(uint64_t seed = 7) {
    Clip c = world::renderScene(world::sampleScene(seed));
    c.watermarkIds = {0x1234abcdu};
    return c;
}

std::string unsignedVideo(const TempDir& dir, const std::string& name,
                          VideoCodec codec = VideoCodec::H264, const std::string& timecode = "") {
    VideoEncoding e;
    e.codec = codec;
    e.timecode = timecode;
    e.reel = timecode.empty() ? "" : "KN0001";
    const std::string path = dir / name;
    encodeVideoFile(testClip(), path, e);  // media alone: no credentials
    return path;
}

std::vector<uint8_t> readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

void writeBytes(const std::string& path, const std::vector<uint8_t>& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
}

// A copy, not a reference: callers pass readTopLevelBoxes(...) straight in, and a reference
// into that temporary would dangle (it crashed CI once, when freed memory was reused).
c2pa::BmffBox boxOf(const std::vector<c2pa::BmffBox>& boxes, const std::string& type) {
    for (const auto& b : boxes)
        if (b.type == type || (type == "c2pa" && b.isC2pa())) return b;
    throw Error("no box " + type);
}

bool hasFailure(const c2pa::VerifyReport& r, const std::string& code) {
    for (const std::string& f : r.failures)
        if (f.rfind(code, 0) == 0) return true;
    return false;
}

std::string localCa() {
    return (fs::path(c2pa::SignerSettings::fromEnvironment().directory) / "ca.pem").string();
}

std::string run(const std::string& command, int* status) {
    std::string out;
    FILE* p = ::popen((command + " 2>&1").c_str(), "r");
    if (!p) return out;
    char buf[4096];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    const int rc = ::pclose(p);
    *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    return out;
}

// The signed file decodes to exactly the frames of the unsigned one (the media moved,
// every chunk offset with it).
void expectSameVideo(const std::string& in, const std::string& out) {
    Clip original, signedFrames;
    const VideoInfo a = readVideo(in, &original);
    const VideoInfo b = readVideo(out, &signedFrames);
    EXPECT_EQ(a.codec, b.codec);
    EXPECT_EQ(a.frameCount, b.frameCount);
    ASSERT_EQ(original.frames.size(), signedFrames.frames.size());
    for (std::size_t i = 0; i < original.frames.size(); ++i)
        EXPECT_EQ(original.frames[i].rgb, signedFrames.frames[i].rgb) << "frame " << i;
}

}  // namespace

TEST(Cbor, RoundTripsEveryItemType) {
    cbor::Value m = cbor::Value::map();
    m.set("text", cbor::Value::text("héllo"));
    m.set("bytes", cbor::Value::bytes({0, 1, 2, 255}));
    m.set(cbor::Value::integer(1), cbor::Value::integer(-7));
    m.set(cbor::Value::integer(33),
          cbor::Value::array({cbor::Value::integer(300), cbor::Value::integer(70000),
                              cbor::Value::unsignedInt(1ull << 40)}));
    m.set("null", cbor::Value::null());
    m.set("yes", cbor::Value::boolean(true));
    m.set("pi", cbor::Value::floating(3.25));
    const cbor::Value tagged = cbor::Value::tag(18, cbor::Value::array({cbor::Value::text("x")}));
    m.set("tag", cbor::Value::tag(1, cbor::Value::integer(1764000000)));  // epoch time
    m.set("big tag", cbor::Value::tag(1000, cbor::Value::text("y")));
    const cbor::Bytes bytes = cbor::encode(m);
    const cbor::Value back = cbor::decode(bytes, "test");
    EXPECT_EQ(cbor::encode(back), bytes);
    EXPECT_EQ(back.find("text")->asText(), "héllo");
    EXPECT_EQ(back.find(1)->asInteger(), -7);
    EXPECT_EQ(back.find(33)->items()[2].asInteger(), int64_t(1) << 40);
    EXPECT_EQ(back.find("tag")->tagNumber(), 1u);
    EXPECT_EQ(back.find("big tag")->tagged().asText(), "y");
    // Shortest forms: -7 is one byte (0x26), 1 << 40 nine.
    EXPECT_EQ(cbor::encode(cbor::Value::integer(-7)), cbor::Bytes({0x26}));
    EXPECT_EQ(cbor::encode(cbor::Value::integer(24)), cbor::Bytes({0x18, 24}));
    // COSE_Sign1's tag 18 at the top (libcbor 0.8 cannot read 0xd2 itself).
    const cbor::Bytes cose = cbor::encode(tagged);
    EXPECT_EQ(cose.front(), 0xd2);
    EXPECT_EQ(cbor::decode(cose, "cose").tagged().items()[0].asText(), "x");
}

TEST(Cbor, RefusesMalformedInput) {
    EXPECT_THROW(cbor::decode(cbor::Bytes{}, "empty"), Error);
    EXPECT_THROW(cbor::decode(cbor::Bytes{0x82, 0x01}, "short array"), Error);
    EXPECT_THROW(cbor::decode(cbor::Bytes{0x01, 0x02}, "trailing"), Error);
    EXPECT_THROW(cbor::decode(cbor::Bytes{0x5a, 0xff, 0xff, 0xff, 0xff}, "huge string"), Error);
    // Headers declaring billions of items in a few bytes are refused before anything is
    // allocated for them (the fuzzer found libcbor asking for 19 GB), and so is deep nesting.
    EXPECT_NE(test::errorOf([] {
                  cbor::decode(cbor::Bytes{0x9b, 0, 0, 0, 1, 0, 0, 0, 0}, "array");
              }).find("more items declared than bytes left"),
              std::string::npos);
    EXPECT_THROW(cbor::decode(cbor::Bytes{0xba, 0xff, 0xff, 0xff, 0xff, 0x01}, "map"), Error);
    // A tag libcbor 0.8 cannot read is refused inside an item with its place, and a tag on a
    // tag at the top.
    EXPECT_NE(test::errorOf([] {
                  cbor::decode(cbor::Bytes{0x81, 0xd2, 0x01}, "tag");
              }).find("tag 18 inside an item"),
              std::string::npos);
    // Tag 22 around a negative integer beyond 64 bits: the fuzzer found the tagged item leaked
    // when the converter refused it. The pre-scan refuses it now, and the converter gives back
    // libcbor's reference to a tagged item whatever happens inside (seen by LeakSanitizer in
    // the asan and fuzz presets, with the seeds in tests/fuzz/corpus/fuzz_c2pa).
    EXPECT_THROW(
        cbor::decode(cbor::Bytes{0xd6, 0x3b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
                     "tagged"),
        Error);
    EXPECT_THROW(cbor::decode(cbor::Bytes(5000, 0xd2), "tags"), Error);
    EXPECT_NE(test::errorOf([] {
                  cbor::decode(cbor::Bytes{0x3b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
                               "negative");
              }).find("a negative integer out of range"),
              std::string::npos);
    cbor::Bytes deep(200, 0x81);
    deep.push_back(0x01);
    EXPECT_NE(test::errorOf([&] { cbor::decode(deep, "deep"); }).find("nested too deeply"),
              std::string::npos);
    try {
        cbor::decode(cbor::Bytes{0x01, 0x02}, "the claim");
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("the claim"), std::string::npos);
    }
}

TEST(Jumbf, BuildsAndParsesNestedSuperboxes) {
    const cbor::Bytes inner = c2pa::jumbf::superbox(
        c2pa::jumbf::typeUuid("cbor"), "c2pa.actions.v2", {c2pa::jumbf::box("cbor", {0xa0})});
    const cbor::Bytes outer =
        c2pa::jumbf::superbox(c2pa::jumbf::typeUuid("c2as"), "c2pa.assertions", {inner});
    const c2pa::jumbf::Superbox sb = c2pa::jumbf::parse(outer.data(), outer.size());
    EXPECT_EQ(sb.label, "c2pa.assertions");
    EXPECT_EQ(sb.type, c2pa::jumbf::typeUuid("c2as"));
    ASSERT_EQ(sb.children.size(), 1u);
    EXPECT_EQ(sb.children[0].label, "c2pa.actions.v2");
    ASSERT_NE(sb.children[0].content("cbor"), nullptr);
    EXPECT_EQ(*sb.children[0].content("cbor"), cbor::Bytes({0xa0}));
    // The payload (what hashed URIs hash) is the superbox less its 8-byte header.
    EXPECT_EQ(sb.children[0].payload, cbor::Bytes(inner.begin() + 8, inner.end()));
    // Damage is refused, never read past the end.
    cbor::Bytes cut(outer.begin(), outer.end() - 3);
    EXPECT_THROW(c2pa::jumbf::parse(cut.data(), cut.size()), Error);
    cbor::Bytes lying = outer;
    lying[3] = 0xff;  // the superbox claims more bytes than there are
    EXPECT_THROW(c2pa::jumbf::parse(lying.data(), lying.size()), Error);
    const cbor::Bytes noDescription = c2pa::jumbf::box("jumb", c2pa::jumbf::box("cbor", {0xa0}));
    EXPECT_THROW(c2pa::jumbf::parse(noDescription.data(), noDescription.size()), Error);
}

TEST(C2pa, SignedMp4VerifiesAndPlaysTheSameFrames) {
    TempDir dir;
    const std::string in = unsignedVideo(dir, "clip.mp4");
    const std::string out = dir / "signed.mp4";
    c2pa::ManifestInfo info;
    info.title = "clip.mp4";
    info.watermarkIds = {0x1234abcdu};
    c2pa::signBmffFile(in, out, info, c2pa::defaultCredentials());

    // The manifest sits right after ftyp; the media moved and its chunk offsets with it.
    const auto boxes = c2pa::readTopLevelBoxes(out);
    ASSERT_GE(boxes.size(), 3u);
    EXPECT_EQ(boxes[0].type, "ftyp");
    EXPECT_TRUE(boxes[1].isC2pa());
    expectSameVideo(in, out);

    const c2pa::VerifyReport r = c2pa::verifyFile(out);
    EXPECT_EQ(r.state, c2pa::VerifyReport::State::Valid)
        << (r.failures.empty() ? "" : r.failures.front());
    EXPECT_TRUE(r.trusted);  // the local test CA is a trust anchor
    EXPECT_EQ(r.title, "clip.mp4");
    EXPECT_EQ(r.hardBinding, "c2pa.hash.bmff.v2");
    EXPECT_EQ(r.signatureAlg, "ES256");
    ASSERT_EQ(r.actions.size(), 2u);
    EXPECT_EQ(r.actions[0], "c2pa.created (trainedAlgorithmicMedia)");
    EXPECT_EQ(r.actions[1], "c2pa.watermarked");
    EXPECT_EQ(r.watermarkIds, std::vector<uint32_t>{0x1234abcdu});
    EXPECT_NE(r.manifestLabel.rfind("urn:c2pa:", 0), std::string::npos);

    // The unsigned file has none.
    EXPECT_EQ(c2pa::verifyFile(in).state, c2pa::VerifyReport::State::NoManifest);
}

TEST(C2pa, OneChangedByteAnywhereOutsideTheManifestIsCaught) {
    TempDir dir;
    const std::string in = unsignedVideo(dir, "clip.mp4");
    const std::string out = dir / "signed.mp4";
    c2pa::signBmffFile(in, out, {}, c2pa::defaultCredentials());
    const std::vector<uint8_t> good = readBytes(out);
    const auto boxes = c2pa::readTopLevelBoxes(out);
    const c2pa::BmffBox mdat = boxOf(boxes, "mdat");
    const c2pa::BmffBox moov = boxOf(boxes, "moov");
    const c2pa::BmffBox ftyp = boxOf(boxes, "ftyp");
    struct Case {
        const char* what;
        uint64_t offset;
    };
    for (const Case& c :
         {Case{"media data", mdat.offset + mdat.size / 2},
          Case{"last media byte", mdat.offset + mdat.size - 1},
          Case{"moov", moov.offset + moov.size / 2}, Case{"ftyp brand", ftyp.offset + 9}}) {
        std::vector<uint8_t> bad = good;
        bad[c.offset] ^= 0x01;
        const std::string path = dir / "tampered.mp4";
        writeBytes(path, bad);
        const c2pa::VerifyReport r = c2pa::verifyFile(path);
        EXPECT_EQ(r.state, c2pa::VerifyReport::State::Invalid) << c.what;
        EXPECT_TRUE(hasFailure(r, "assertion.bmffHash.mismatch")) << c.what;
    }
    // Inside the manifest: the claim, an assertion, the signature.
    const c2pa::BmffBox manifest = boxOf(boxes, "c2pa");
    const std::string text(good.begin() + static_cast<long>(manifest.offset),
                           good.begin() + static_cast<long>(manifest.offset + manifest.size));
    for (const char* needle : {"trainedAlgorithmicMedia", "created_assertions", "Signature"}) {
        std::size_t at = text.find(needle);
        if (std::string(needle) == "Signature")
            at = text.size() - 10;  // inside the ECDSA signature
        ASSERT_NE(at, std::string::npos) << needle;
        std::vector<uint8_t> bad = good;
        bad[manifest.offset + at] ^= 0x01;
        const std::string path = dir / "tampered.mp4";
        writeBytes(path, bad);
        const c2pa::VerifyReport r = c2pa::verifyFile(path);
        EXPECT_EQ(r.state, c2pa::VerifyReport::State::Invalid) << needle;
        EXPECT_FALSE(r.failures.empty()) << needle;
    }
    // A byte appended, a file cut short.
    {
        std::vector<uint8_t> longer = good;
        longer.push_back(0);
        writeBytes(dir / "longer.mp4", longer);
        EXPECT_NE(c2pa::verifyFile(dir / "longer.mp4").state, c2pa::VerifyReport::State::Valid);
        std::vector<uint8_t> cut(good.begin(), good.end() - 100);
        writeBytes(dir / "cut.mp4", cut);
        EXPECT_EQ(c2pa::verifyFile(dir / "cut.mp4").state, c2pa::VerifyReport::State::Unreadable);
    }
    writeBytes(dir / "untouched.mp4", good);
    EXPECT_EQ(c2pa::verifyFile(dir / "untouched.mp4").state, c2pa::VerifyReport::State::Valid);
}

// Labels name the boxes but are not signed: every byte of every label is checked.
TEST(C2pa, AChangedByteInAnyJumbfLabelIsCaught) {
    TempDir dir;
    const std::string in = unsignedVideo(dir, "clip.mp4");
    const std::string out = dir / "signed.mp4";
    c2pa::signBmffFile(in, out, {}, c2pa::defaultCredentials());
    const std::vector<uint8_t> good = readBytes(out);
    const c2pa::BmffBox box = boxOf(c2pa::readTopLevelBoxes(out), "c2pa");
    const auto store = c2pa::readManifestStore(out);
    ASSERT_TRUE(store);
    const c2pa::jumbf::Superbox parsed = c2pa::jumbf::parse(store->data(), store->size());
    std::vector<std::string> labels;
    std::function<void(const c2pa::jumbf::Superbox&)> collect = [&](const auto& b) {
        labels.push_back(b.label);
        for (const auto& c : b.children) collect(c);
    };
    collect(parsed);
    ASSERT_GE(labels.size(), 5u);  // store, manifest, assertion store, assertions, claim, ...
    const std::string text(good.begin() + static_cast<long>(box.offset),
                           good.begin() + static_cast<long>(box.offset + box.size));
    int flipped = 0;
    for (const std::string& label : labels) {
        const std::size_t at = text.find(label + std::string(1, '\0'));
        ASSERT_NE(at, std::string::npos) << label;
        for (std::size_t k = 0; k < label.size(); ++k) {
            std::vector<uint8_t> bad = good;
            bad[box.offset + at + k] ^= 0x01;
            writeBytes(dir / "label.mp4", bad);
            EXPECT_NE(c2pa::verifyFile(dir / "label.mp4").state, c2pa::VerifyReport::State::Valid)
                << "byte " << k << " of label " << label;
            ++flipped;
        }
    }
    EXPECT_GT(flipped, 60);
}

TEST(C2pa, ProResMovWithTimecodeIsSignedAndMovesEveryChunkTable) {
    TempDir dir;
    const std::string in = unsignedVideo(dir, "clip.mov", VideoCodec::ProRes422HQ, "01:00:00:00");
    const std::string out = dir / "signed.mov";
    c2pa::signBmffFile(in, out, {}, c2pa::defaultCredentials());
    expectSameVideo(in, out);
    EXPECT_EQ(c2pa::verifyFile(out).state, c2pa::VerifyReport::State::Valid);
}

TEST(C2pa, WriteVideoSignsByDefaultAndResigningReplacesTheManifest) {
    TempDir dir;
    const std::string path = dir / "made.mp4";
    writeVideo(testClip(), path, VideoEncoding{});
    c2pa::VerifyReport r = c2pa::verifyFile(path);
    ASSERT_EQ(r.state, c2pa::VerifyReport::State::Valid);
    EXPECT_EQ(r.title, "made.mp4");
    EXPECT_EQ(r.watermarkIds, std::vector<uint32_t>{0x1234abcdu});
    // Signing a signed file again leaves one manifest, still valid.
    c2pa::signBmffFile(path, dir / "again.mp4", {}, c2pa::defaultCredentials());
    int manifests = 0;
    for (const auto& b : c2pa::readTopLevelBoxes(dir / "again.mp4")) manifests += b.isC2pa();
    EXPECT_EQ(manifests, 1);
    EXPECT_EQ(c2pa::verifyFile(dir / "again.mp4").state, c2pa::VerifyReport::State::Valid);
    // No temporary files are left beside it.
    for (const auto& e : fs::directory_iterator(dir.path))
        EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
}

TEST(C2pa, RefusesWhatItCannotSign) {
    TempDir dir;
    writeBytes(dir / "garbage.mp4", std::vector<uint8_t>(1000, 0x41));
    EXPECT_THROW(
        c2pa::signBmffFile(dir / "garbage.mp4", dir / "out.mp4", {}, c2pa::defaultCredentials()),
        Error);
    EXPECT_FALSE(fs::exists(dir / "out.mp4"));
    EXPECT_EQ(c2pa::verifyFile(dir / "garbage.mp4").state, c2pa::VerifyReport::State::Unreadable);
    EXPECT_EQ(c2pa::verifyFile(dir / "missing.mp4").state, c2pa::VerifyReport::State::Unreadable);
    // A box claiming more bytes than the file has.
    std::vector<uint8_t> lying = {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'};
    writeBytes(dir / "lying.mp4", lying);
    EXPECT_THROW(
        c2pa::signBmffFile(dir / "lying.mp4", dir / "out.mp4", {}, c2pa::defaultCredentials()),
        Error);
    EXPECT_EQ(c2pa::verifyFile(dir / "lying.mp4").state, c2pa::VerifyReport::State::Unreadable);
}

TEST(C2pa, LocalTestCaIsMadeOnceWithPrivateKeys) {
    TempDir dir;
    c2pa::SignerSettings s;
    s.directory = dir / "creds";
    const c2pa::Credentials c = c2pa::loadCredentials(s);
    EXPECT_EQ(c.chainDer.size(), 2u);
    EXPECT_NE(c.issuer.find("local test CA"), std::string::npos);
    EXPECT_EQ(fs::status(dir / "creds/signer.key").permissions() & fs::perms::others_read,
              fs::perms::none);
    EXPECT_EQ(fs::status(dir / "creds/ca.key").permissions() & fs::perms::group_read,
              fs::perms::none);
    const c2pa::Credentials again = c2pa::loadCredentials(s);
    EXPECT_EQ(again.chainDer, c.chainDer);  // not made again
}

TEST(C2pa, UsersOwnCertificateSignsAndOnlyItsCaTrustsIt) {
    TempDir dir;
    // The user's own CA and signer, made with the openssl tool.
    const std::string cfg = dir / "leaf.cnf";
    {
        std::ofstream c(cfg);
        c << "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
             "extendedKeyUsage=emailProtection\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier="
             "keyid\n";
    }
    const std::string d = dir.path.string();
    const std::string script =
        "cd " + d +
        " && openssl ecparam -name prime256v1 -genkey -noout -out ca.key && "
        "openssl req -x509 -new -key ca.key -subj '/CN=Studio Test Root' -days 30 -out ca.pem "
        "-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign && "
        "openssl ecparam -name prime256v1 -genkey -noout -out me.key && "
        "openssl req -new -key me.key -subj '/CN=Jane Editor/O=Studio' -out me.csr && "
        "openssl x509 -req -in me.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -extfile "
        "leaf.cnf "
        "-out me.pem && cat me.pem ca.pem > chain.pem";
    int status = 0;
    const std::string log = run(script, &status);
    ASSERT_EQ(status, 0) << log;
    c2pa::SignerSettings s;
    s.certPath = dir / "chain.pem";
    s.keyPath = dir / "me.key";
    const c2pa::Credentials mine = c2pa::loadCredentials(s);
    EXPECT_NE(mine.subject.find("Jane Editor"), std::string::npos);
    const std::string in = unsignedVideo(dir, "clip.mp4");
    c2pa::signBmffFile(in, dir / "signed.mp4", {}, mine);
    c2pa::VerifyReport r = c2pa::verifyFile(dir / "signed.mp4");
    EXPECT_EQ(r.state, c2pa::VerifyReport::State::Valid);
    EXPECT_FALSE(r.trusted);  // the local CA did not issue it
    r = c2pa::verifyFile(dir / "signed.mp4", {dir / "ca.pem"});
    EXPECT_TRUE(r.trusted);
    EXPECT_NE(r.signer.find("Jane Editor"), std::string::npos);

    // A key that does not match, a self-signed leaf, a missing file: clear errors.
    s.keyPath = dir / "ca.key";
    EXPECT_THROW(c2pa::loadCredentials(s), Error);
    s.certPath = dir / "ca.pem";
    try {
        c2pa::loadCredentials(s);
        FAIL() << "a CA certificate signed claims";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("unfit for C2PA"), std::string::npos) << e.what();
    }
    s.certPath = dir / "nope.pem";
    EXPECT_THROW(c2pa::loadCredentials(s), Error);
    s.keyPath = "";
    EXPECT_THROW(c2pa::loadCredentials(s), Error);
}

TEST(C2pa, CliVerifyExitCodes) {
    TempDir dir;
    const std::string cli = KINORA_CLI_PATH;
    const std::string in = unsignedVideo(dir, "clip.mp4");
    int status = -1;
    std::string out = run(cli + " sign " + in + " --out " + (dir / "signed.mp4"), &status);
    ASSERT_EQ(status, 0) << out;
    out = run(cli + " verify " + (dir / "signed.mp4"), &status);
    EXPECT_EQ(status, 0) << out;
    EXPECT_NE(out.find("valid:"), std::string::npos) << out;
    EXPECT_NE(out.find("c2pa.created (trainedAlgorithmicMedia)"), std::string::npos) << out;
    out = run(cli + " verify " + (dir / "signed.mp4") + " --json --require-trust", &status);
    EXPECT_EQ(status, 0) << out;
    EXPECT_NE(out.find("\"state\": \"valid\""), std::string::npos) << out;

    std::vector<uint8_t> bytes = readBytes(dir / "signed.mp4");
    const auto boxes = c2pa::readTopLevelBoxes(dir / "signed.mp4");
    const c2pa::BmffBox mdat = boxOf(boxes, "mdat");
    bytes[mdat.offset + mdat.size - 5] ^= 0x80;
    writeBytes(dir / "tampered.mp4", bytes);
    out = run(cli + " verify " + (dir / "tampered.mp4"), &status);
    EXPECT_EQ(status, 1) << out;
    EXPECT_NE(out.find("assertion.bmffHash.mismatch"), std::string::npos) << out;
    out = run(cli + " verify " + in, &status);
    EXPECT_EQ(status, 1) << out;
    out = run(cli + " verify " + (dir / "missing.mp4"), &status);
    EXPECT_EQ(status, 2) << out;
    writeBytes(dir / "text.mp4", std::vector<uint8_t>(64, '\n'));
    out = run(cli + " verify " + (dir / "text.mp4"), &status);
    EXPECT_EQ(status, 2) << out;
    // sign never overwrites its input.
    out = run(cli + " sign " + in + " --out " + in, &status);
    EXPECT_EQ(status, 2) << out;
}

TEST(C2pa, CrossCheckWithTheC2paSdk) {
    const fs::path dir = KINORA_C2PA_CROSSCHECK_DIR;
    int status = -1;
    run("node --version", &status);
    if (status != 0)
        GTEST_SKIP() << "no node: the cross-check with @contentauth/c2pa-wasm needs Node";
    if (!fs::exists(dir / "node_modules/@contentauth/c2pa-wasm/pkg/c2pa_bg.wasm"))
        GTEST_SKIP() << "@contentauth/c2pa-wasm is not installed (installer/setup-deps.sh installs "
                        "it with npm)";
    TempDir tmp;
    const std::string script = (dir / "verify.mjs").string();
    struct Case {
        std::string name;
        VideoCodec codec;
        std::string timecode;
    };
    for (const Case& c : {Case{"clip.mp4", VideoCodec::H264, ""},
                          Case{"clip.mov", VideoCodec::ProRes422HQ, "01:00:00:00"},
                          Case{"dnx.mov", VideoCodec::DnxhrHQ, ""}}) {
        VideoEncoding e;
        e.codec = c.codec;
        e.timecode = c.timecode;
        e.reel = c.timecode.empty() ? "" : "KN0002";
        const std::string path = tmp / c.name;
        if (c.codec == VideoCodec::DnxhrHQ) {
            e.width = 256;  // DNxHR needs a bigger picture
            e.height = 144;
        }
        writeVideo(testClip(), path, e);
        std::string out = run("node " + script + " " + path + " " + localCa(), &status);
        EXPECT_EQ(status, 0) << out;
        EXPECT_NE(out.find("\"state\":\"Trusted\""), std::string::npos) << c.name << ": " << out;
        EXPECT_NE(out.find("assertion.bmffHash.match"), std::string::npos) << c.name << ": " << out;
        EXPECT_NE(out.find("claimSignature.validated"), std::string::npos) << c.name << ": " << out;
        EXPECT_NE(out.find("c2pa.watermarked"), std::string::npos) << c.name << ": " << out;
        EXPECT_NE(out.find("\"claim_version\":2"), std::string::npos) << c.name << ": " << out;
        // Without our CA as an anchor the SDK still finds it valid, only not trusted.
        out = run("node " + script + " " + path, &status);
        EXPECT_NE(out.find("\"state\":\"Valid\""), std::string::npos) << c.name << ": " << out;
        // One byte of media changed: the SDK sees it too.
        std::vector<uint8_t> bytes = readBytes(path);
        const c2pa::BmffBox mdat = boxOf(c2pa::readTopLevelBoxes(path), "mdat");
        bytes[mdat.offset + mdat.size / 2] ^= 0x01;
        writeBytes(tmp / ("bad-" + c.name), bytes);
        out = run("node " + script + " " + (tmp / ("bad-" + c.name)) + " " + localCa(), &status);
        EXPECT_NE(out.find("\"state\":\"Invalid\""), std::string::npos) << c.name << ": " << out;
        EXPECT_NE(out.find("assertion.bmffHash.mismatch"), std::string::npos)
            << c.name << ": " << out;
    }
}

TEST(C2pa, DetectTiesTheWatermarkToTheContentCredentials) {
    TempDir dir;
    const std::string cli = KINORA_CLI_PATH;
    Clip marked = testClip(11);
    marked.watermarkIds = {0x0badcafeu};
    provenance::embedWatermark(marked, 0x0badcafeu);
    writeVideo(marked, dir / "made.mp4", VideoEncoding{});
    int status = -1;
    std::string out = run(cli + " detect " + (dir / "made.mp4"), &status);
    EXPECT_EQ(status, 0) << out;
    EXPECT_NE(out.find("watermark id 0badcafe"), std::string::npos) << out;
    EXPECT_NE(out.find("content credentials (valid) name the same id"), std::string::npos) << out;
    // Credentials stripped by a re-encode: the watermark still says Kinora.
    encodeVideoFile(marked, dir / "reencoded.mp4", VideoEncoding{});
    out = run(cli + " detect " + (dir / "reencoded.mp4") + " --json", &status);
    EXPECT_EQ(status, 0) << out;
    EXPECT_NE(out.find("\"content_credentials\": \"none\""), std::string::npos) << out;
}
