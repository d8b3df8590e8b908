// kinora-cli detect / watermark-eval: the invisible watermark.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli_args.h"
#include "commands.h"
#include "media/clip_writer.h"
#include "pipeline/engine.h"
#include "provenance/watermark.h"
#ifdef KINORA_HAVE_C2PA
#include <filesystem>

#include "provenance/c2pa.h"
#include "util/atomic_file.h"
#endif
#include "provenance/watermark_eval.h"
#include "util/error.h"
#include "util/files.h"
#include "world/captioner.h"
#include "world/renderer.h"
#include "world/scene_sampler.h"

namespace kinora::cli {

namespace {

std::string hexId(uint32_t id) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%08x", id);
    return buf;
}

}  // namespace

int runDetect(const std::vector<std::string>& argv) {
    const Args args(argv, {{"fps"}, {"json"}, 1});
    if (args.positional().empty()) throw Error("usage: kinora-cli detect FILE [--json]");
    const std::string path = args.positional()[0];
    const Clip clip = readClip(path, args.integer("fps", 8, 1, 240));  // throws: exit 2
    const provenance::Detection d = provenance::detectWatermark(clip);
    // What the file's content credentials say of the same id, when it is an MP4/MOV.
    std::string credentials = "none", credentialsLine;
#ifdef KINORA_HAVE_C2PA
    const c2pa::VerifyReport c = c2pa::verifyFile(path);
    std::vector<std::string> credentialIds;
    for (uint32_t id : c.watermarkIds) credentialIds.push_back(hexId(id));
    const bool named =
        std::find(c.watermarkIds.begin(), c.watermarkIds.end(), d.id) != c.watermarkIds.end();
    if (c.state == c2pa::VerifyReport::State::Valid) {
        credentials = "valid";
        if (d.found && d.crcOk && named)
            credentialsLine = "its content credentials (valid) name the same id";
        else if (d.found && d.crcOk && !c.watermarkIds.empty())
            credentialsLine =
                "its content credentials (valid) name another id: the file was signed for other "
                "pictures";
        else
            credentialsLine = "its content credentials are valid (kinora-cli verify)";
    } else if (c.state == c2pa::VerifyReport::State::Invalid) {
        credentials = "invalid";
        credentialsLine =
            "its content credentials are invalid: the file changed after signing (kinora-cli "
            "verify)";
    } else if (c.state == c2pa::VerifyReport::State::NoManifest) {
        credentialsLine = "it carries no content credentials (stripped, or re-encoded)";
    }
#endif
    if (args.flag("json")) {
        nlohmann::json j = {{"file", path},
                            {"found", d.found},
                            {"confidence", d.confidence},
                            {"sync_z", d.syncScore},
                            {"id_intact", d.found && d.crcOk},
                            {"frames", clip.frames.size()}};
        if (d.found && d.crcOk) j["id"] = hexId(d.id);
        j["content_credentials"] = credentials;
#ifdef KINORA_HAVE_C2PA
        j["content_credentials_ids"] = credentialIds;
#endif
        std::cout << j.dump(2) << std::endl;
    } else if (!d.found) {
        std::printf("no Kinora watermark in %s (best sync z %.1f, needs 5)\n", path.c_str(),
                    d.syncScore);
    } else if (d.crcOk) {
        std::printf("made by Kinora: watermark id %s, confidence %.6f (sync z %.1f)\n",
                    hexId(d.id).c_str(), d.confidence, d.syncScore);
    } else {
        std::printf("made by Kinora (sync z %.1f, confidence %.6f), but the id is damaged\n",
                    d.syncScore, d.confidence);
    }
    if (!args.flag("json") && !credentialsLine.empty())
        std::printf("  %s\n", credentialsLine.c_str());
    return d.found ? 0 : 1;
}

int runWatermarkEval(const std::vector<std::string>& argv) {
    const Args args(argv, {{"count", "seed", "model", "out", "scratch"}, {"json", "quiet"}});
    const int count = args.integer("count", 50, 1, 10000);
    const uint64_t seed = static_cast<uint64_t>(args.integer("seed", 1, 0, 1 << 30));
    provenance::WatermarkOptions o;
    std::unique_ptr<Engine> engine;
    std::string source = "world renders (64x64, 96x64, 64x96; 17 frames)";
    // --model DIR generates the clips (an empty DIR: the embedded model).
    if (args.text("model", "\x01") != "\x01") {
        EngineOptions eo;
        eo.applyThreads = true;
        eo.modelDir = args.text("model");
        eo.watermark = false;  // the evaluation marks (and leaves unmarked) clips itself
        engine = std::make_unique<Engine>(eo);
        source = "generations of " + engine->info().name + " (default clip)";
    }
    const auto make = [&](int i) -> Clip {
        const world::SceneSpec scene = world::sampleScene(seed * 100003 + uint64_t(i));
        if (!engine) return world::renderScene(scene);
        GenerationRequest r;
        r.prompt = "a scene";  // replaced below by the world's own caption of the scene
        r.seed = seed * 1000 + uint64_t(i);
        const auto captions = world::captionScene(scene, uint64_t(i), 1);
        if (!captions.empty()) r.prompt = captions.front();
        return engine->generate(r).clip;
    };
    const bool quiet = args.flag("quiet");
    const std::string scratch = args.text("scratch", "kinora-watermark-eval.tmp");
    provenance::WatermarkEvalReport report =
        provenance::evaluateWatermark(count, seed, make, scratch, o, [&](const std::string& line) {
            if (!quiet) std::fprintf(stderr, "\r%s   ", line.c_str());
        });
    if (!quiet) std::fprintf(stderr, "\n");
    report.source = source;
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : report.rows)
        rows.push_back({{"attack", r.attack},
                        {"clips", r.clips},
                        {"detection_rate", r.detectionRate},
                        {"bit_accuracy", r.bitAccuracy},
                        {"id_exact", r.idExact}});
    const nlohmann::json j = {{"source", report.source},
                              {"amplitude", o.amplitude},
                              {"rows", rows},
                              {"unmarked_clips", report.unmarkedClips},
                              {"false_positive_rate", report.falsePositiveRate},
                              {"max_unmarked_sync_z", report.maxUnmarkedScore},
                              {"psnr_min_db", report.psnrMin},
                              {"psnr_mean_db", report.psnrMean}};
    if (!args.text("out").empty()) {
        std::ofstream out(args.text("out"));
        out << j.dump(2) << "\n";
        if (!out) throw Error(args.text("out") + ": cannot write");
    }
    if (args.flag("json")) {
        std::cout << j.dump(2) << std::endl;
    } else {
        std::printf("watermark on %d clips of %s\n", count, source.c_str());
        std::printf("%-18s %10s %13s %9s\n", "attack", "detected", "bit accuracy", "id exact");
        for (const auto& r : report.rows)
            std::printf("%-18s %10.3f %13.4f %9.3f\n", r.attack.c_str(), r.detectionRate,
                        r.bitAccuracy, r.idExact);
        std::printf("false positives: %.3f of %d unmarked clips (max sync z %.2f)\n",
                    report.falsePositiveRate, report.unmarkedClips, report.maxUnmarkedScore);
        std::printf("PSNR marked vs unmarked: min %.2f dB, mean %.2f dB\n", report.psnrMin,
                    report.psnrMean);
    }
    return 0;
}

}  // namespace kinora::cli

#ifdef KINORA_HAVE_C2PA
namespace kinora::cli {

namespace {

std::vector<std::string> splitList(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        const std::size_t comma = s.find(',', start);
        const std::string item =
            s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!item.empty()) out.push_back(item);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

const char* stateName(c2pa::VerifyReport::State s) {
    switch (s) {
        case c2pa::VerifyReport::State::Unreadable:
            return "unreadable";
        case c2pa::VerifyReport::State::NoManifest:
            return "no-manifest";
        case c2pa::VerifyReport::State::Invalid:
            return "invalid";
        case c2pa::VerifyReport::State::Valid:
            return "valid";
    }
    return "invalid";
}

}  // namespace

int runVerify(const std::vector<std::string>& argv) {
    const Args args(argv, {{"trust"}, {"json", "require-trust"}, 1});
    if (args.positional().empty())
        throw Error(
            "usage: kinora-cli verify FILE [--trust CA.pem[,...]] [--require-trust] [--json]");
    const std::string path = args.positional()[0];
    const c2pa::VerifyReport r = c2pa::verifyFile(path, splitList(args.text("trust")));
    const bool valid = r.state == c2pa::VerifyReport::State::Valid;
    const bool ok = valid && (r.trusted || !args.flag("require-trust"));
    if (args.flag("json")) {
        std::vector<std::string> ids;
        for (uint32_t id : r.watermarkIds) ids.push_back(hexId(id));
        nlohmann::json j = {{"file", path},
                            {"state", stateName(r.state)},
                            {"trusted", r.trusted},
                            {"failures", r.failures},
                            {"notes", r.notes},
                            {"manifest", r.manifestLabel},
                            {"title", r.title},
                            {"claim_generator", r.claimGenerator},
                            {"signer", r.signer},
                            {"issuer", r.issuer},
                            {"signature_alg", r.signatureAlg},
                            {"hard_binding", r.hardBinding},
                            {"actions", r.actions},
                            {"watermark_ids", ids}};
        std::cout << j.dump(2) << std::endl;
    } else {
        if (r.state == c2pa::VerifyReport::State::Unreadable)
            std::printf("unreadable: %s\n",
                        r.failures.empty() ? path.c_str() : r.failures.front().c_str());
        else if (r.state == c2pa::VerifyReport::State::NoManifest)
            std::printf("invalid: %s carries no C2PA content credentials\n", path.c_str());
        else
            std::printf("%s: %s\n", valid ? "valid" : "invalid", path.c_str());
        if (r.state == c2pa::VerifyReport::State::Valid ||
            r.state == c2pa::VerifyReport::State::Invalid) {
            for (const std::string& f : r.failures) std::printf("  failure: %s\n", f.c_str());
            if (!r.manifestLabel.empty()) std::printf("  manifest: %s\n", r.manifestLabel.c_str());
            if (!r.title.empty()) std::printf("  title: %s\n", r.title.c_str());
            if (!r.claimGenerator.empty())
                std::printf("  claim generator: %s\n", r.claimGenerator.c_str());
            for (const std::string& a : r.actions) std::printf("  action: %s\n", a.c_str());
            for (uint32_t id : r.watermarkIds)
                std::printf("  watermark id: %s\n", hexId(id).c_str());
            if (!r.hardBinding.empty()) std::printf("  hard binding: %s\n", r.hardBinding.c_str());
            if (!r.signer.empty())
                std::printf("  signed (%s) by: %s\n  issued by: %s\n  trust: %s\n",
                            r.signatureAlg.c_str(), r.signer.c_str(), r.issuer.c_str(),
                            r.trusted ? "the chain leads to a trust anchor"
                                      : "untrusted signer (see notes; --trust CA.pem)");
            for (const std::string& n : r.notes) std::printf("  note: %s\n", n.c_str());
        }
        if (valid && !ok) std::printf("  --require-trust: the signer is not trusted\n");
    }
    if (r.state == c2pa::VerifyReport::State::Unreadable) return 2;
    return ok ? 0 : 1;
}

int runSign(const std::vector<std::string>& argv) {
    const Args args(argv, {{"out", "cert", "key", "title", "watermark-id"}, {"json"}, 1});
    if (args.positional().empty())
        throw Error(
            "usage: kinora-cli sign FILE --out SIGNED [--cert CHAIN.pem --key KEY.pem] [--title "
            "T]");
    const std::string in = args.positional()[0];
    const std::string out = args.required("out");
    if (samePath(in, out))
        throw Error("--out " + printablePath(out) +
                    " is the file being signed; write the signed copy to another file");
    if (std::filesystem::exists(out) && std::filesystem::equivalent(in, out))
        throw Error("--out must differ from the input (the input is never overwritten)");
    c2pa::SignerSettings settings = c2pa::SignerSettings::fromEnvironment();
    if (args.has("cert") || args.has("key")) {
        settings.certPath = args.required("cert");
        settings.keyPath = args.required("key");
    }
    const c2pa::Credentials credentials = c2pa::loadCredentials(settings);
    c2pa::ManifestInfo info;
    info.title = args.text("title", std::filesystem::path(in).filename().string());
    for (const std::string& id : splitList(args.text("watermark-id"))) {
        // 1 to 8 hexadecimal digits (an optional 0x): a 32-bit id, never truncated.
        const std::string digits =
            id.rfind("0x", 0) == 0 || id.rfind("0X", 0) == 0 ? id.substr(2) : id;
        const bool hex = !digits.empty() && digits.size() <= 8 &&
                         std::all_of(digits.begin(), digits.end(), [](char c) {
                             return std::isxdigit(static_cast<unsigned char>(c));
                         });
        if (!hex)
            throw Error("--watermark-id: '" + printablePath(id) +
                        "' is not a 32-bit hexadecimal id (1 to 8 hex digits, e.g. 00c0ffee)");
        info.watermarkIds.push_back(static_cast<uint32_t>(std::stoul(digits, nullptr, 16)));
    }
    const std::string temp = temporarySiblingPath(out);
    c2pa::signBmffFile(in, temp, info, credentials);
    commitTemporaryFile(temp, out);
    if (args.flag("json"))
        std::cout << nlohmann::json({{"file", out},
                                     {"signer", credentials.subject},
                                     {"issuer", credentials.issuer}})
                         .dump(2)
                  << std::endl;
    else
        std::printf("signed %s\n  by: %s\n  issued by: %s\n", out.c_str(),
                    credentials.subject.c_str(), credentials.issuer.c_str());
    return 0;
}

}  // namespace kinora::cli
#endif
