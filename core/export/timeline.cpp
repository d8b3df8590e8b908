#include "export/timeline.h"

#include <algorithm>
#include <cctype>
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

/// `path` with every byte outside the unreserved set (and '/') percent-escaped.
std::string urlEscape(const std::string& path) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
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

/// file:// URL of an absolute path ("C:/..." gets its own slash, as file:///C:/...).
std::string fileUrl(const std::string& path, const char* authority = "") {
    const bool drive =
        path.size() >= 2 && std::isalpha(static_cast<unsigned char>(path[0])) && path[1] == ':';
    if (drive)
        return std::string("file://") + authority + "/" + path.substr(0, 2) +
               urlEscape(path.substr(2));
    return std::string("file://") + authority + urlEscape(path);
}

/// Plain ASCII for an EDL: the middle dot of clip names becomes '-', any other byte
/// outside printable ASCII '_' (one per character), line breaks a space.
std::string edlAscii(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xB7) {
            out += '-';
            ++i;
        } else if (c == '\n' || c == '\r' || c == '\t') {
            out += ' ';
        } else if (c >= 0x80) {
            // A UTF-8 character: one '_' for its lead byte, nothing for the rest.
            if ((c & 0xC0) != 0x80) out += '_';
        } else if (c >= 0x20 && c < 0x7F) {
            out += static_cast<char>(c);
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
        const int64_t day = 24 * 3600 * t.rate.timecodeBase();
        if (c.sourceStart < 0 || c.sourceStart + c.frames > day)
            throw Error("clip " + std::to_string(i + 1) +
                        ": its source timecode must lie within one day");
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
        o << "    <asset id=\"a" << i + 1 << "\" name=\"" << xmlEscape(c.name) << "\" start=\""
          << fcpTime(c.sourceStart, t.rate) << "\" duration=\"" << fcpTime(c.frames, t.rate)
          << "\" hasVideo=\"1\" format=\"" << format << "\" videoSources=\"1\">\n"
          << "      <media-rep kind=\"original-media\" src=\""
          << xmlEscape(fileUrl(t.absoluteMedia(i))) << "\"/>\n    </asset>\n";
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
          << fcpTime(c.frames, t.rate) << "\" start=\"" << fcpTime(c.sourceStart, t.rate)
          << "\" format=\"" << format << "\" tcFormat=\"NDF\"/>\n";
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
          << "              <pathurl>" << xmlEscape(fileUrl(t.absoluteMedia(i), "localhost"))
          << "</pathurl>\n"
          << xmemlRate(t.rate, "              ") << "              <duration>" << c.frames
          << "</duration>\n              <timecode>\n"
          << xmemlRate(t.rate, "                ") << "                <string>"
          << timecode(c.sourceStart, t.rate) << "</string>\n"
          << "                <frame>" << c.sourceStart << "</frame>\n"
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
    // CMX3600: plain ASCII, a title of at most 70 characters, events of a reel, the track
    // (V), a cut (C), source in and out (the media's own timecode), record in and out.
    std::ostringstream o;
    o << "TITLE: " << edlAscii(t.name).substr(0, 70) << "\n"
      << "FCM: NON-DROP FRAME\n\n";
    for (std::size_t i = 0; i < t.clips.size(); ++i) {
        const TimelineClip& c = t.clips[i];
        const int64_t start = t.startOf(i);
        char line[160];
        std::snprintf(line, sizeof line, "%03zu  %-8s V     C        %s %s %s %s\n", i + 1,
                      c.reel.c_str(), timecode(c.sourceStart, t.rate).c_str(),
                      timecode(c.sourceStart + c.frames, t.rate).c_str(),
                      timecode(start, t.rate).c_str(), timecode(start + c.frames, t.rate).c_str());
        o << line << "* FROM CLIP NAME: " << edlAscii(c.name) << "\n"
          << "* SOURCE FILE: "
          << edlAscii(t.mediaRoot.empty() ? t.relativeMedia(i) : t.absoluteMedia(i)) << "\n\n";
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
    for (std::size_t i = 0; i < t.clips.size(); ++i) {
        const TimelineClip& c = t.clips[i];
        // Media in the source's own time (its timecode), named relative to this file.
        children.push_back({{"OTIO_SCHEMA", "Clip.1"},
                            {"name", c.name},
                            {"metadata", {{"kinora", {{"reel", c.reel}}}}},
                            {"source_range", timeRange(c.sourceStart, c.frames, t.rate)},
                            {"effects", nlohmann::json::array()},
                            {"markers", nlohmann::json::array()},
                            {"enabled", true},
                            {"media_reference",
                             {{"OTIO_SCHEMA", "ExternalReference.1"},
                              {"name", c.name},
                              {"metadata", nlohmann::json::object()},
                              {"target_url", c.relativePath.empty() ? fileUrl(c.mediaPath)
                                                                    : urlEscape(c.relativePath)},
                              {"available_range", timeRange(c.sourceStart, c.frames, t.rate)},
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

/// The MLT <profile> of the timeline: its size, square pixels, its exact rate, BT.709.
std::string mltProfile(const Timeline& t) {
    const int64_t g = std::max<int64_t>(1, std::gcd<int64_t>(t.width, t.height));
    std::ostringstream o;
    o << "  <profile description=\"Kinora " << t.width << "x" << t.height << "\" width=\""
      << t.width << "\" height=\"" << t.height << "\" progressive=\"1\" sample_aspect_num=\"1\" "
      << "sample_aspect_den=\"1\" display_aspect_num=\"" << t.width / g
      << "\" display_aspect_den=\"" << t.height / g << "\" frame_rate_num=\"" << t.rate.num
      << "\" frame_rate_den=\"" << t.rate.den << "\" colorspace=\"709\"/>\n";
    return o.str();
}

/// A media producer of clip `i`: its file relative to the timeline file (MLT resolves a
/// relative resource against the folder of the XML it reads, so the folder can move),
/// video only, and `extra` properties.
std::string mltProducer(const Timeline& t, std::size_t i, const std::string& id,
                        const std::string& extra) {
    const TimelineClip& c = t.clips[i];
    std::ostringstream o;
    o << "  <producer id=\"" << id << "\" in=\"0\" out=\"" << c.frames - 1 << "\">\n"
      << "    <property name=\"length\">" << c.frames << "</property>\n"
      << "    <property name=\"eof\">pause</property>\n"
      << "    <property name=\"resource\">" << xmlEscape(t.relativeMedia(i)) << "</property>\n"
      << "    <property name=\"mlt_service\">avformat</property>\n"
      << "    <property name=\"video_index\">0</property>\n"
      << "    <property name=\"audio_index\">-1</property>\n"
      << "    <property name=\"kinora:reel\">" << c.reel << "</property>\n"
      << extra << "  </producer>\n";
    return o.str();
}

/// A black colour producer as long as the timeline (Kdenlive's and Shotcut's background).
std::string blackProducer(const std::string& id, int64_t frames) {
    std::ostringstream o;
    o << "  <producer id=\"" << id << "\" in=\"0\" out=\"" << frames - 1 << "\">\n"
      << "    <property name=\"length\">" << frames << "</property>\n"
      << "    <property name=\"eof\">pause</property>\n"
      << "    <property name=\"resource\">0</property>\n"
      << "    <property name=\"aspect_ratio\">1</property>\n"
      << "    <property name=\"mlt_service\">color</property>\n"
      << "    <property name=\"mlt_image_format\">rgba</property>\n"
      << "    <property name=\"set.test_audio\">0</property>\n"
      << "  </producer>\n";
    return o.str();
}

std::string property(const std::string& name, const std::string& value,
                     const char* indent = "    ") {
    return std::string(indent) + "<property name=\"" + name + "\">" + xmlEscape(value) +
           "</property>\n";
}

std::string writeMlt(const Timeline& t) {
    std::ostringstream o;
    o << "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      << "<mlt LC_NUMERIC=\"C\" version=\"7.0.0\" title=\"" << xmlEscape(t.name) << "\">\n"
      << mltProfile(t);
    for (std::size_t i = 0; i < t.clips.size(); ++i)
        o << mltProducer(t, i, "producer" + std::to_string(i),
                         property("kdenlive:clipname", t.clips[i].name));
    o << "  <playlist id=\"playlist0\">\n";
    for (std::size_t i = 0; i < t.clips.size(); ++i)
        o << "    <entry producer=\"producer" << i << "\" in=\"0\" out=\"" << t.clips[i].frames - 1
          << "\"/>\n";
    o << "  </playlist>\n"
      << "  <tractor id=\"tractor0\" in=\"0\" out=\"" << t.totalFrames() - 1 << "\">\n"
      << "    <track producer=\"playlist0\"/>\n  </tractor>\n</mlt>\n";
    return o.str();
}

// A Kdenlive project as Kdenlive 22.12 writes its own (document version 1.04): the bin
// (main_bin, with the document's properties and an entry per clip, each producer with a
// kdenlive:id), the black background, one video track made of two playlists, and the
// main tractor with the internal compositing Kdenlive adds between the tracks.
std::string writeKdenlive(const Timeline& t) {
    const int64_t total = t.totalFrames();
    std::ostringstream o;
    o << "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      << "<mlt LC_NUMERIC=\"C\" producer=\"main_bin\" version=\"7.12.0\" title=\""
      << xmlEscape(t.name) << "\">\n"
      << mltProfile(t);
    // Bin clips: ids 2, 3, ... (1 is the bin's root folder).
    for (std::size_t i = 0; i < t.clips.size(); ++i)
        o << mltProducer(t, i, "producer" + std::to_string(i),
                         property("kdenlive:clipname", t.clips[i].name) +
                             property("kdenlive:folderid", "-1") +
                             property("kdenlive:id", std::to_string(i + 2)));
    o << "  <playlist id=\"main_bin\">\n"
      << property("kdenlive:docproperties.activeTrack", "0")
      << property("kdenlive:docproperties.audioChannels", "2")
      << property("kdenlive:docproperties.audioTarget", "-1")
      << property("kdenlive:docproperties.disablepreview", "0")
      << property("kdenlive:docproperties.documentid", "1")
      << property("kdenlive:docproperties.enableTimelineZone", "0")
      << property("kdenlive:docproperties.enableexternalproxy", "0")
      << property("kdenlive:docproperties.enableproxy", "0")
      << property("kdenlive:docproperties.kdenliveversion", "22.12.3")
      << property("kdenlive:docproperties.position", "0")
      << property("kdenlive:docproperties.previewextension", "")
      << property("kdenlive:docproperties.previewparameters", "")
      << property("kdenlive:docproperties.profile", "")
      << property("kdenlive:docproperties.scrollPos", "0")
      << property("kdenlive:docproperties.seekOffset", "30000")
      << property("kdenlive:docproperties.version", "1.04")
      << property("kdenlive:docproperties.verticalzoom", "1")
      << property("kdenlive:docproperties.videoTarget", "1")
      << property("kdenlive:docproperties.zonein", "0")
      << property("kdenlive:docproperties.zoneout", std::to_string(total - 1))
      << property("kdenlive:docproperties.zoom", "8") << property("kdenlive:documentnotes", "")
      << property("xml_retain", "1");
    for (std::size_t i = 0; i < t.clips.size(); ++i)
        o << "    <entry producer=\"producer" << i << "\" in=\"0\" out=\"" << t.clips[i].frames - 1
          << "\"/>\n";
    o << "  </playlist>\n" << blackProducer("black_track", total);
    // The timeline's own producers of the bin clips (same kdenlive:id).
    for (std::size_t i = 0; i < t.clips.size(); ++i)
        o << mltProducer(t, i, "timeline" + std::to_string(i),
                         property("kdenlive:clipname", t.clips[i].name) +
                             property("kdenlive:id", std::to_string(i + 2)));
    o << "  <playlist id=\"playlist0\">\n" << property("kdenlive:track_name", "V1");
    for (std::size_t i = 0; i < t.clips.size(); ++i)
        o << "    <entry producer=\"timeline" << i << "\" in=\"0\" out=\"" << t.clips[i].frames - 1
          << "\">\n"
          << property("kdenlive:id", std::to_string(i + 2), "      ") << "    </entry>\n";
    o << "  </playlist>\n  <playlist id=\"playlist1\"/>\n"
      << "  <tractor id=\"tractor0\" in=\"0\" out=\"" << total - 1 << "\">\n"
      << property("kdenlive:track_name", "V1") << property("kdenlive:trackheight", "67")
      << property("kdenlive:timeline_active", "1") << property("kdenlive:collapsed", "0")
      << "    <track hide=\"audio\" producer=\"playlist0\"/>\n"
      << "    <track hide=\"audio\" producer=\"playlist1\"/>\n  </tractor>\n"
      << "  <tractor id=\"tractor1\" global_feed=\"1\" in=\"0\" out=\"" << total - 1 << "\">\n"
      << "    <track producer=\"black_track\"/>\n    <track producer=\"tractor0\"/>\n"
      << "    <transition id=\"transition0\">\n"
      << property("a_track", "0", "      ") << property("b_track", "1", "      ")
      << property("compositing", "0", "      ") << property("distort", "0", "      ")
      << property("rotate_center", "0", "      ") << property("mlt_service", "qtblend", "      ")
      << property("kdenlive_id", "qtblend", "      ") << property("internal_added", "237", "      ")
      << property("always_active", "1", "      ") << "    </transition>\n  </tractor>\n</mlt>\n";
    return o.str();
}

// A Shotcut project as Shotcut 22.12 writes its own: the tractor says "shotcut", track 0
// is the black background, track 1 the video track "V1", with the transitions Shotcut
// puts between a track and the background.
std::string writeShotcut(const Timeline& t) {
    const int64_t total = t.totalFrames();
    std::ostringstream o;
    o << "<?xml version=\"1.0\" standalone=\"no\"?>\n"
      << "<mlt LC_NUMERIC=\"C\" version=\"7.12.0\" title=\"" << xmlEscape(t.name)
      << "\" producer=\"main_bin\">\n"
      << mltProfile(t) << "  <playlist id=\"main_bin\">\n"
      << property("xml_retain", "1") << "  </playlist>\n"
      << blackProducer("black", total) << "  <playlist id=\"background\">\n"
      << "    <entry producer=\"black\" in=\"0\" out=\"" << total - 1 << "\"/>\n"
      << "  </playlist>\n";
    for (std::size_t i = 0; i < t.clips.size(); ++i)
        o << mltProducer(t, i, "producer" + std::to_string(i),
                         property("shotcut:caption", t.clips[i].name));
    o << "  <playlist id=\"playlist0\">\n"
      << property("shotcut:video", "1") << property("shotcut:name", "V1");
    for (std::size_t i = 0; i < t.clips.size(); ++i)
        o << "    <entry producer=\"producer" << i << "\" in=\"0\" out=\"" << t.clips[i].frames - 1
          << "\"/>\n";
    o << "  </playlist>\n"
      << "  <tractor id=\"tractor0\" title=\"" << xmlEscape(t.name) << "\" in=\"0\" out=\""
      << total - 1 << "\">\n"
      << property("shotcut", "1") << property("shotcut:projectAudioChannels", "2")
      << property("shotcut:projectFolder", "0")
      << "    <track producer=\"background\"/>\n    <track producer=\"playlist0\"/>\n"
      << "    <transition id=\"transition0\">\n"
      << property("a_track", "0", "      ") << property("b_track", "1", "      ")
      << property("mlt_service", "mix", "      ") << property("always_active", "1", "      ")
      << property("sum", "1", "      ") << "    </transition>\n"
      << "    <transition id=\"transition1\">\n"
      << property("a_track", "0", "      ") << property("b_track", "1", "      ")
      << property("version", "0.9", "      ")
      << property("mlt_service", "frei0r.cairoblend", "      ")
      << property("threads", "0", "      ") << property("disable", "1", "      ")
      << "    </transition>\n  </tractor>\n</mlt>\n";
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
        case Format::Kdenlive:
            return ".kdenlive";
        case Format::Shotcut:
            return ".shotcut.mlt";
    }
    return "";
}

bool needsAbsoluteMedia(Format f) {
    return f == Format::Fcpxml || f == Format::Xmeml;
}

std::string Timeline::absoluteMedia(std::size_t i) const {
    const TimelineClip& c = clips.at(i);
    if (mediaRoot.empty() || c.relativePath.empty()) return c.mediaPath;
    std::string root = mediaRoot;
    while (root.size() > 1 && (root.back() == '/' || root.back() == '\\')) root.pop_back();
    return root + "/" + c.relativePath;
}

std::string Timeline::relativeMedia(std::size_t i) const {
    const TimelineClip& c = clips.at(i);
    return c.relativePath.empty() ? c.mediaPath : c.relativePath;
}

Format parseFormat(const std::string& name) {
    if (name == "fcpxml") return Format::Fcpxml;
    if (name == "xmeml" || name == "fcp7") return Format::Xmeml;
    if (name == "edl" || name == "cmx3600") return Format::Edl;
    if (name == "otio") return Format::Otio;
    if (name == "mlt") return Format::Mlt;
    if (name == "kdenlive") return Format::Kdenlive;
    if (name == "shotcut") return Format::Shotcut;
    throw Error("timeline format '" + name +
                "': use fcpxml, xmeml, edl, otio, mlt, kdenlive or shotcut");
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
        case Format::Kdenlive:
            return writeKdenlive(timeline);
        case Format::Shotcut:
            return writeShotcut(timeline);
    }
    return {};
}

void writeFile(const Timeline& timeline, Format format, const std::string& path) {
    const std::string text = write(timeline, format);
    writeFileAtomically(path, [&](std::ostream& out) { out << text; });
}

}  // namespace kinora::timeline
