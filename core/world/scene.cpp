#include "world/scene.h"

#include <algorithm>
#include <cmath>

#include "util/error.h"

namespace kinora::world {

namespace {
constexpr double kPi = 3.14159265358979323846;
}

const char* name(Relation r) {
    static const char* n[] = {"left_of", "right_of", "above", "below"};
    return n[static_cast<int>(r)];
}

Relation parseRelation(const std::string& s) {
    for (Relation r : {Relation::LeftOf, Relation::RightOf, Relation::Above, Relation::Below})
        if (s == name(r)) return r;
    throw Error("unknown relation '" + s + "' (left_of, right_of, above, below)");
}

double SceneSpec::groundY() const {
    switch (background) {
        case Background::Meadow:
            return 0.7 * height;
        case Background::Beach:
            return 0.6 * height;
        case Background::Room:
            return 0.7 * height;
        case Background::Night:
        case Background::Gray:
            return height;
    }
    return height;
}

double SceneSpec::baseDiameter(Size size) const {
    return (size == Size::Small ? 0.18 : 0.30) * std::min(width, height);
}

CameraView cameraAt(const SceneSpec& scene, double t) {
    CameraView v;
    v.cx = scene.width / 2.0;
    v.cy = scene.height / 2.0;
    switch (scene.camera) {
        case Camera::Static:
            break;
        case Camera::PanLeft:
            v.panX = -0.25 * scene.width * t;
            break;
        case Camera::PanRight:
            v.panX = 0.25 * scene.width * t;
            break;
        case Camera::ZoomIn:
            v.zoom = 1.0 + 0.5 * t;
            break;
        case Camera::ZoomOut:
            v.zoom = 1.5 - 0.5 * t;
            break;
    }
    return v;
}

std::pair<double, double> pillarSpan(const SceneSpec& scene) {
    const double half = 0.06 * scene.width;
    return {scene.width / 2.0 - half, scene.width / 2.0 + half};
}

std::vector<std::vector<CharacterState>> computeTracks(const SceneSpec& scene) {
    std::vector<std::vector<CharacterState>> tracks;
    const double ground = scene.groundY();
    for (const CharacterSpec& c : scene.characters) {
        std::vector<CharacterState> track;
        const double d0 = scene.baseDiameter(c.size);
        for (int f = 0; f < scene.frames; ++f) {
            const double t = scene.timeOf(f);
            CharacterState s;
            s.x = c.x0;
            s.y = c.y0;
            s.diameter = d0;
            s.angle = c.angle0;
            switch (c.motion) {
                case Motion::Still:
                    s.x += c.travel * t;
                    break;
                case Motion::Left:
                    s.x -= c.travel * t;
                    break;
                case Motion::Right:
                    s.x += c.travel * t;
                    break;
                case Motion::Up:
                    s.y -= c.travel * t;
                    break;
                case Motion::Down:
                    s.y += c.travel * t;
                    break;
                case Motion::Bounce: {
                    // Parabolic arcs (gravity) starting at the top of the first arc, each
                    // arc a little lower than the one before.
                    const double phase = t * c.arcs + 0.5;
                    const double k = std::floor(phase);
                    const double u = phase - k;
                    const double height = c.amplitude * std::pow(0.85, k) * 4.0 * u * (1.0 - u);
                    s.y = ground - d0 / 2.0 - height;
                    s.x += c.travel * t;
                    break;
                }
                case Motion::Fall: {
                    const double landY = ground - d0 / 2.0;
                    const double u = std::min(1.0, t / c.landAt);
                    s.y = c.y0 + (landY - c.y0) * u * u;
                    break;
                }
                case Motion::Spin:
                    s.angle += c.turn * t;
                    break;
                case Motion::Grow:
                    s.diameter = d0 * (1.0 + 0.8 * t);
                    break;
                case Motion::Shrink:
                    s.diameter = d0 * (1.0 - 0.45 * t);
                    break;
            }
            const CameraView v = cameraAt(scene, t);
            s.screenX = v.toScreenX(s.x);
            s.screenY = v.toScreenY(s.y);
            s.screenDiameter = s.diameter * v.zoom;
            if (scene.pillar) {
                const auto [p0, p1] = pillarSpan(scene);
                const double a = s.x - s.diameter / 2.0, b = s.x + s.diameter / 2.0;
                const double hidden = std::max(0.0, std::min(b, p1) - std::max(a, p0));
                s.visible = 1.0 - hidden / std::max(1e-9, b - a);
            }
            track.push_back(s);
        }
        tracks.push_back(std::move(track));
    }
    return tracks;
}

SceneSpec referenceStill(const CharacterSpec& character, int width, int height, int fps,
                         uint64_t seed) {
    SceneSpec ref;
    ref.width = width;
    ref.height = height;
    ref.frames = 1;
    ref.fps = fps;
    ref.background = Background::Gray;
    ref.seed = seed;
    CharacterSpec c = character;
    c.motion = Motion::Still;
    c.travel = 0.0;
    c.turn = 0.0;
    c.angle0 = 0.0;
    c.x0 = width / 2.0;
    c.y0 = height / 2.0;
    ref.characters.push_back(c);
    return ref;
}

nlohmann::json toJson(const SceneSpec& scene) {
    nlohmann::json chars = nlohmann::json::array();
    for (const auto& c : scene.characters) {
        nlohmann::json j = {{"colour", name(c.colour)},
                            {"shape", name(c.shape)},
                            {"size", name(c.size)},
                            {"motion", name(c.motion)},
                            {"x0", c.x0},
                            {"y0", c.y0},
                            {"travel", c.travel},
                            {"amplitude", c.amplitude},
                            {"arcs", c.arcs},
                            {"land_at", c.landAt},
                            {"turn", c.turn},
                            {"angle0", c.angle0}};
        if (!c.name.empty()) j["name"] = c.name;
        chars.push_back(j);
    }
    return {{"world", "kinora-world-v1"},
            {"width", scene.width},
            {"height", scene.height},
            {"frames", scene.frames},
            {"fps", scene.fps},
            {"background", name(scene.background)},
            {"camera", name(scene.camera)},
            {"pillar", scene.pillar},
            {"relation", name(scene.relation)},
            {"seed", scene.seed},
            {"characters", chars}};
}

SceneSpec sceneFromJson(const nlohmann::json& j) {
    if (!j.is_object()) throw Error("scene: not a JSON object");
    SceneSpec s;
    auto field = [&](const nlohmann::json& obj, const char* key, auto& out,
                     const std::string& where) {
        if (!obj.contains(key)) return;
        try {
            obj.at(key).get_to(out);
        } catch (const nlohmann::json::exception&) {
            throw Error(where + key + ": wrong type");
        }
    };
    auto enumField = [&](const nlohmann::json& obj, const char* key, auto parse, auto& out,
                         const std::string& where) {
        if (!obj.contains(key)) return;
        if (!obj.at(key).is_string()) throw Error(where + key + ": must be a string");
        try {
            out = parse(obj.at(key).get<std::string>());
        } catch (const Error& e) {
            throw Error(where + key + ": " + e.what());
        }
    };
    field(j, "width", s.width, "scene.");
    field(j, "height", s.height, "scene.");
    field(j, "frames", s.frames, "scene.");
    field(j, "fps", s.fps, "scene.");
    field(j, "pillar", s.pillar, "scene.");
    field(j, "seed", s.seed, "scene.");
    enumField(j, "background", parseBackground, s.background, "scene.");
    enumField(j, "camera", parseCamera, s.camera, "scene.");
    enumField(j, "relation", parseRelation, s.relation, "scene.");
    if (s.width < 8 || s.width > 4096 || s.height < 8 || s.height > 4096)
        throw Error("scene.width/height: 8..4096");
    if (s.frames < 1 || s.frames > 1025) throw Error("scene.frames: 1..1025");
    if (s.fps < 1 || s.fps > 240) throw Error("scene.fps: 1..240");
    if (j.contains("characters")) {
        if (!j["characters"].is_array()) throw Error("scene.characters: must be an array");
        int i = 0;
        for (const auto& cj : j["characters"]) {
            const std::string where = "scene.characters[" + std::to_string(i++) + "].";
            if (!cj.is_object()) throw Error(where + ": must be an object");
            CharacterSpec c;
            field(cj, "name", c.name, where);
            enumField(cj, "colour", parseColour, c.colour, where);
            enumField(cj, "shape", parseShape, c.shape, where);
            enumField(cj, "size", parseSize, c.size, where);
            enumField(cj, "motion", parseMotion, c.motion, where);
            field(cj, "x0", c.x0, where);
            field(cj, "y0", c.y0, where);
            field(cj, "travel", c.travel, where);
            field(cj, "amplitude", c.amplitude, where);
            field(cj, "arcs", c.arcs, where);
            field(cj, "land_at", c.landAt, where);
            field(cj, "turn", c.turn, where);
            field(cj, "angle0", c.angle0, where);
            if (!(c.landAt > 0.0)) throw Error(where + "land_at: must be positive");
            s.characters.push_back(c);
        }
    }
    if (s.characters.size() > 3) throw Error("scene.characters: at most 3");
    return s;
}

nlohmann::json describeScene(const SceneSpec& scene) {
    nlohmann::json j = toJson(scene);
    j["ground_y"] = scene.groundY();
    const auto tracks = computeTracks(scene);
    nlohmann::json all = nlohmann::json::array();
    for (const auto& track : tracks) {
        nlohmann::json frames = nlohmann::json::array();
        for (const auto& s : track)
            frames.push_back({{"x", s.screenX},
                              {"y", s.screenY},
                              {"diameter", s.screenDiameter},
                              {"angle_deg", s.angle * 180.0 / kPi},
                              {"visible", s.visible}});
        all.push_back(frames);
    }
    j["tracks"] = all;
    return j;
}

}  // namespace kinora::world
