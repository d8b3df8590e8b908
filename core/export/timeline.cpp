#include "export/timeline.h"

#include <cstdio>
#include <numeric>
#include <sstream>

#include <nlohmann/json.hpp>

#include "util/atomic_file.h"
#include "util/error.h"

namespace kinora::timeline {

namespace {

std::string xmlEscape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

/// file:// URL of an absolute path, every byte outside the unreserved set escaped.
std::string fileUrl(const std::string& path, const char* authority = "") {
    static const char* hex = "0123456789ABCDEF";
    std::string out = std::string("file://") + authority;
    for (unsigned char c : path) {
        const bool keep =
            std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~';
        if (keep) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

/// Seconds of `frames` at `rate` as an FCPXML rational: "0s", "3s", "1001/24000s".
std::string fcpTime(int64_t frames, const FrameRate& rate) {
    if (frames == 0) return "0s";
    // A whole number of frame durations over the rate's own denominator (51051/24000s at
    // 23.976), or whole seconds when it comes out even.
    const int64_t num = frames * rate.den, den = rate.num;
    if (num % den == 0) return std::to_string(num / den) + "s";
    return std::to_string(num) + "/" + std::to_string(den) + "s";
}

void check(const Timeline& t) {
    if (t.clips.empty()) throw Error("the timeline has no clips");
    if (t.rate.num <= 0 || t.rate.den <= 0)
        throw Error("the timeline's frame rate must be positive");
    for (std::size_t i = 0; i < t.clips.size(); ++i) {
        const TimelineClip& c = t.clips[i];
        if (c.frames <= 0) throw Error("clip " + std::to_string(i + 1) + " has no frames");
        if (c.reel.empty() || c.reel.size() > 8)
            throw Error("clip " + std::to_string(i + 1) + ": a reel name has 1 to 8 characters");
        for (char ch : c.reel)
            if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_'))
                throw Error("clip " + std::to_string(i + 1) + ": reel '" + c.reel +
                            "' may hold only A-Z, 0-9 and _");
        for (std::size_t k = 0; k < i; ++k)
            if (t.clips[k].reel == c.reel) throw Error("reel '" + c.reel + "' is used twice");
    }
}

std::string writeFcpxml(const Timeline& t) {
    std::ostringstream o;
    const std::string format = "r1";
    o << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE fcpxml>\n"
      << "<fcpxml version=\"1.10\">\n  <resources>\n"
      << "    <format id=\"" << format << "\" name=\"Kinora " << t.width << "x" << t.height
      << "\" frameDuration=\"" << fcpTime(1, t.rate) << "\" width=\"" << t.width << "\" height=\""
      << t.height << "\" colorSpace=\"1-1-1 (Rec. 709)\"/>\n";
    for (std::size_t i = 0; i < t.clips.size(); ++i) {
        const TimelineClip& c = t.clips[i];
        o << "    <asset id=\"a" << i + 1 << "\" name=\"" << xmlEscape(c.name)
          << "\" start=\"0s\" duration=\"" << fcpTime(c.frames, t.rate)
          << "\" hasVideo=\"1\" format=\"" << format << "\" videoSources=\"1\">\n"
          << "      <media-rep kind=\"original-media\" src=\"" << xmlEscape(fileUrl(c.mediaPath))
          << "\"/>\n    </asset>\n";
    }
    o << "  </resources>\n  <library>\n    <event name=\"" << xmlEscape(t.name) << "\">\n"
      << "      <project name=\"" << xmlEscape(t.name) << "\">\n"
      << "        <sequence format=\"" << format << "\" duration=\""
      << fcpTime(t.totalFrames(), t.rate) << "\" tcStart=\"0s\" tcFormat=\"NDF\">\n"
      << "          <spine>\n";
    for (std::size_t i = 0; i < t.clips.size(); ++i) {
        const TimelineClip& c = t.clips[i];
        o << "            <asset-clip ref=\"a" << i + 1 << "\" name=\"" << xmlEscape(c.name)
          << "\" offset=\"" << fcpTime(t.startOf(i), t.rate) << "\" duration=\""
          << fcpTime(c.frames, t.rate) << "\" start=\"0s\" format=\"" << format
          << "\" tcFormat=\"NDF\"/>\n";
    }
    o << "          </spine>\n        </sequence>\n      </project>\n    </event>\n"
      << "  </library>\n</fcpxml>\n";
    return o.str();
}

std::string xmemlRate(const FrameRate& r, const std::string& indent) {
    return indent + "<rate>\n" + indent + "  <timebase>" + std::to_string(r.timecodeBase()) +
           "</timebase>\n" + indent + "  <ntsc>" + (r.ntsc() ? "TRUE" : "FALSE") + "</ntsc>\n" +
           indent + "</rate>\n";
}

std::string writeXmeml(const Timeline& t) {
    std::ostringstream o;
    const std::string sc = "<samplecharacteristics><width>" + std::to_string(t.width) +
                           "</width><height>" + std::to_string(t.height) +
                           "</height><pixelaspectratio>square</pixelaspectratio>"
                           "<fielddominance>none</fielddominance></samplecharacteristics>";
    o << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE xmeml>\n<xmeml version=\"4\">\n"
      << "  <sequence id=\"sequence-1\">\n    <name>" << xmlEscape(t.name) << "</name>\n"
      << "    <duration>" << t.totalFrames() << "</duration>\n"
      << xmemlRate(t.rate, "    ") << "    <timecode>\n"
      << xmemlRate(t.rate, "      ") << "      <string>" << timecode(0, t.rate)
      << "</string>\n      <frame>0</frame>\n"
      << "      <displayformat>NDF</displayformat>\n    </timecode>\n"
      << "    <media>\n      <video>\n        <format>" << sc << "</format>\n"
      << "        <track>\n";
    for (std::size_t i = 0; i < t.clips.size(); ++i) {
        const TimelineClip& c = t.clips[i];
        const int64_t start = t.startOf(i);
        o << "          <clipitem id=\"clipitem-" << i + 1 << "\">\n"
          << "            <name>" << xmlEscape(c.name) << "</name>\n"
          << "            <enabled>TRUE</enabled>\n"
          << "            <duration>" << c.frames << "</duration>\n"
          << xmemlRate(t.rate, "            ") << "            <start>" << start
          << "</start>\n            <end>" << start + c.frames << "</end>\n"
          << "            <in>0</in>\n            <out>" << c.frames << "</out>\n"
          << "            <file id=\"file-" << i + 1 << "\">\n"
          << "              <name>" << xmlEscape(c.name) << "</name>\n"
          << "              <pathurl>" << xmlEscape(fileUrl(c.mediaPath, "localhost"))
          << "</pathurl>\n"
          << xmemlRate(t.rate, "              ") << "              <duration>" << c.frames
          << "</duration>\n              <timecode>\n"
          << xmemlRate(t.rate, "                ") << "                <string>"
          << timecode(0, t.rate) << "</string>\n"
          << "                <frame>0</frame>\n"
          << "                <displayformat>NDF</displayformat>\n"
          << "                <reel><name>" << c.reel << "</name></reel>\n"
          << "              </timecode>\n"
          << "              <media><video>" << sc << "</video></media>\n"
          << "            </file>\n          </clipitem>\n";
    }
    o << "        </track>\n      </video>\n    </media>\n  </sequence>\n</xmeml>\n";
    return o.str();
}

std::string writeEdl(const Timeline& t) {
    std::ostringstream o;
    std::string title = t.name;
    for (char& ch : title)
        if (ch == '\n' || ch == '\r') ch = ' ';
    o << "TITLE: " << title.substr(0, 70) << "\n"
      << "FCM: NON-DROP FRAME\n\n";
    for (std::size_t i = 0; i < t.clips.size(); ++i) {
        const TimelineClip& c = t.clips[i];
        const int64_t start = t.startOf(i);
        char line[160];
        std::snprintf(line, sizeof line, "%03zu  %-8s V     C        %s %s %s %s\n", i + 1,
                      c.reel.c_str(), timecode(0, t.rate).c_str(),
                      timecode(c.frames, t.rate).c_str(), timecode(start, t.rate).c_str(),
                      timecode(start + c.frames, t.rate).c_str());
        o << line << "* FROM CLIP NAME: " << c.name << "\n"
          << "* SOURCE FILE: " << c.mediaPath << "\n\n";
    }
    return o.str();
}

nlohmann::json rationalTime(int64_t frames, const FrameRate& r) {
    return {{"OTIO_SCHEMA", "RationalTime.1"},
            {"rate", static_cast<double>(r.num) / static_cast<double>(r.den)},
            {"value", static_cast<double>(frames)}};
}

nlohmann::json timeRange(int64_t start, int64_t frames, const FrameRate& r) {
    return {{"OTIO_SCHEMA", "TimeRange.1"},
            {"start_time", rationalTime(start, r)},
            {"duration", rationalTime(frames, r)}};
}

std::string writeOtio(const Timeline& t) {
    nlohmann::json children = nlohmann::json::array();
    for (const TimelineClip& c : t.clips) {
        children.push_back({{"OTIO_SCHEMA", "Clip.1"},
                            {"name", c.name},
                            {"metadata", {{"kinora", {{"reel", c.reel}}}}},
                            {"source_range", timeRange(0, c.frames, t.rate)},
                            {"effects", nlohmann::json::array()},
                            {"markers", nlohmann::json::array()},
                            {"enabled", true},
                            {"media_reference",
                             {{"OTIO_SCHEMA", "ExternalReference.1"},
                              {"name", c.name},
                              {"metadata", nlohmann::json::object()},
                              {"target_url", fileUrl(c.mediaPath)},
                              {"available_range", timeRange(0, c.frames, t.rate)},
                              {"available_image_bounds", nullptr}}}});
    }
    const nlohmann::json track = {{"OTIO_SCHEMA", "Track.1"},
                                  {"name", "V1"},
                                  {"kind", "Video"},
                                  {"metadata", nlohmann::json::object()},
                                  {"source_range", nullptr},
                                  {"effects", nlohmann::json::array()},
                                  {"markers", nlohmann::json::array()},
                                  {"enabled", true},
                                  {"children", children}};
    const nlohmann::json doc = {
        {"OTIO_SCHEMA", "Timeline.1"},
        {"name", t.name},
        {"metadata",
         {{"kinora",
           {{"rate", std::to_string(t.rate.num) + "/" + std::to_string(t.rate.den)},
            {"width", t.width},
            {"height", t.height}}}}},
        {"global_start_time", rationalTime(0, t.rate)},
        {"tracks",
         {{"OTIO_SCHEMA", "Stack.1"},
          {"name", "tracks"},
          {"metadata", nlohmann::json::object()},
          {"source_range", nullptr},
          {"effects", nlohmann::json::array()},
          {"markers", nlohmann::json::array()},
          {"enabled", true},
          {"children", nlohmann::json::array({track})}}}};
    return doc.dump(2) + "\n";
}

std::string writeMlt(const Timeline& t) {
    std::ostringstream o;
    const int64_t g = std::gcd<int64_t>(t.width, t.height);
    o << "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      << "<mlt LC_NUMERIC=\"C\" version=\"7.0.0\" title=\"" << xmlEscape(t.name) << "\">\n"
      << "  <profile description=\"Kinora " << t.width << "x" << t.height << "\" width=\""
      << t.width << "\" height=\"" << t.height << "\" progressive=\"1\" sample_aspect_num=\"1\" "
      << "sample_aspect_den=\"1\" display_aspect_num=\"" << t.width / g
      << "\" display_aspect_den=\"" << t.height / g << "\" frame_rate_num=\"" << t.rate.num
      << "\" frame_rate_den=\"" << t.rate.den << "\" colorspace=\"709\"/>\n";
    for (std::size_t i = 0; i < t.clips.size(); ++i) {
        const TimelineClip& c = t.clips[i];
        o << "  <producer id=\"producer" << i << "\" in=\"0\" out=\"" << c.frames - 1 << "\">\n"
          << "    <property name=\"resource\">" << xmlEscape(c.mediaPath) << "</property>\n"
          << "    <property name=\"mlt_service\">avformat</property>\n"
          << "    <property name=\"kdenlive:clipname\">" << xmlEscape(c.name) << "</property>\n"
          << "    <property name=\"kinora:reel\">" << c.reel << "</property>\n"
          << "  </producer>\n";
    }
    o << "  <playlist id=\"playlist0\">\n";
    for (std::size_t i = 0; i < t.clips.size(); ++i)
        o << "    <entry producer=\"producer" << i << "\" in=\"0\" out=\"" << t.clips[i].frames - 1
          << "\"/>\n";
    o << "  </playlist>\n"
      << "  <tractor id=\"tractor0\" in=\"0\" out=\"" << t.totalFrames() - 1 << "\">\n"
      << "    <track producer=\"playlist0\"/>\n  </tractor>\n</mlt>\n";
    return o.str();
}

}  // namespace

FrameRate parseFrameRate(const std::string& text) {
    if (text == "23.976" || text == "23.98" || text == "24000/1001") return {24000, 1001};
    if (text == "29.97" || text == "30000/1001") return {30000, 1001};
    if (text == "59.94" || text == "60000/1001") return {60000, 1001};
    int64_t value = 0;
    std::size_t used = 0;
    try {
        value = std::stoll(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || value < 1 || value > 240)
        throw Error("frame rate '" + text + "': use a whole number 1..240, 23.976, 29.97 or 59.94");
    return {value, 1};
}

int64_t Timeline::totalFrames() const {
    int64_t n = 0;
    for (const auto& c : clips) n += c.frames;
    return n;
}

int64_t Timeline::startOf(std::size_t i) const {
    int64_t n = 0;
    for (std::size_t k = 0; k < i && k < clips.size(); ++k) n += clips[k].frames;
    return n;
}

const char* extension(Format f) {
    switch (f) {
        case Format::Fcpxml:
            return ".fcpxml";
        case Format::Xmeml:
            return ".xml";
        case Format::Edl:
            return ".edl";
        case Format::Otio:
            return ".otio";
        case Format::Mlt:
            return ".mlt";
    }
    return "";
}

Format parseFormat(const std::string& name) {
    if (name == "fcpxml") return Format::Fcpxml;
    if (name == "xmeml" || name == "fcp7") return Format::Xmeml;
    if (name == "edl" || name == "cmx3600") return Format::Edl;
    if (name == "otio") return Format::Otio;
    if (name == "mlt") return Format::Mlt;
    throw Error("timeline format '" + name + "': use fcpxml, xmeml, edl, otio or mlt");
}

std::string timecode(int64_t frame, const FrameRate& rate) {
    const int64_t base = rate.timecodeBase();
    const int64_t ff = frame % base, totalSeconds = frame / base;
    char buf[96];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld:%02lld",
                  static_cast<long long>(totalSeconds / 3600),
                  static_cast<long long>(totalSeconds / 60 % 60),
                  static_cast<long long>(totalSeconds % 60), static_cast<long long>(ff));
    return buf;
}

std::string write(const Timeline& timeline, Format format) {
    check(timeline);
    switch (format) {
        case Format::Fcpxml:
            return writeFcpxml(timeline);
        case Format::Xmeml:
            return writeXmeml(timeline);
        case Format::Edl:
            return writeEdl(timeline);
        case Format::Otio:
            return writeOtio(timeline);
        case Format::Mlt:
            return writeMlt(timeline);
    }
    return {};
}

void writeFile(const Timeline& timeline, Format format, const std::string& path) {
    const std::string text = write(timeline, format);
    writeFileAtomically(path, [&](std::ostream& out) { out << text; });
}

}  // namespace kinora::timeline
