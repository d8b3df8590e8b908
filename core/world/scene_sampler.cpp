#include "world/scene_sampler.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "util/error.h"

namespace kinora::world {

namespace {

constexpr double kPi = 3.14159265358979323846;

class Rng {
public:
    explicit Rng(uint64_t seed) : m_gen(seed ^ 0x5DEECE66Dull) {}
    double uniform(double a, double b) {
        return std::uniform_real_distribution<double>(a, b)(m_gen);
    }
    int integer(int a, int b) { return std::uniform_int_distribution<int>(a, b)(m_gen); }
    bool chance(double p) { return uniform(0.0, 1.0) < p; }
    template <typename C>
    auto pick(const C& items) {
        return items[static_cast<std::size_t>(integer(0, static_cast<int>(items.size()) - 1))];
    }

private:
    std::mt19937_64 m_gen;
};

bool heldOutAllowed(SampleOptions::HeldOut policy, bool heldOut) {
    switch (policy) {
        case SampleOptions::HeldOut::Exclude:
            return !heldOut;
        case SampleOptions::HeldOut::Only:
            return heldOut;
        case SampleOptions::HeldOut::Any:
            return true;
    }
    return true;
}

bool groundMotion(Motion m) {
    return m == Motion::Bounce || m == Motion::Fall;
}

// Feasible interval [lo, hi] shrunk to a point when empty.
double within(Rng& rng, double lo, double hi) {
    return hi > lo ? rng.uniform(lo, hi) : (lo + hi) / 2.0;
}

}  // namespace

bool isHeldOut(Colour colour, Shape shape, Motion motion, Background background) {
    uint64_t h = 1469598103934665603ull;
    for (int v : {static_cast<int>(colour), static_cast<int>(shape), static_cast<int>(motion),
                  static_cast<int>(background)}) {
        h ^= static_cast<uint64_t>(v + 1);
        h *= 1099511628211ull;
        h ^= h >> 29;
    }
    return h % 25 == 0;
}

namespace {

// Whether the start positions obey the relation (first-named left unless told otherwise).
bool relationHolds(const SceneSpec& s) {
    const auto& c = s.characters;
    for (std::size_t i = 1; i < c.size(); ++i) {
        switch (s.relation) {
            case Relation::LeftOf:
                if (!(c[i - 1].x0 < c[i].x0)) return false;
                break;
            case Relation::RightOf:
                if (!(c[i - 1].x0 > c[i].x0)) return false;
                break;
            case Relation::Above:
                if (!(c[i - 1].y0 < c[i].y0)) return false;
                break;
            case Relation::Below:
                if (!(c[i - 1].y0 > c[i].y0)) return false;
                break;
        }
    }
    return true;
}

void layoutOnce(SceneSpec& scene, uint64_t seed);

}  // namespace

void layoutScene(SceneSpec& scene, uint64_t seed) {
    // Motion ranges can push a start position across a neighbour's; draw again until the
    // relation holds (almost always at once), else keep the last draw with starts swapped.
    for (uint64_t attempt = 0; attempt < 64; ++attempt) {
        layoutOnce(scene, seed + attempt * 1000003ull);
        if (relationHolds(scene)) return;
    }
    auto& c = scene.characters;
    const bool vertical = scene.relation == Relation::Above || scene.relation == Relation::Below;
    std::vector<double> starts;
    for (const auto& ch : c) starts.push_back(vertical ? ch.y0 : ch.x0);
    std::sort(starts.begin(), starts.end());
    if (scene.relation == Relation::RightOf || scene.relation == Relation::Below)
        std::reverse(starts.begin(), starts.end());
    for (std::size_t i = 0; i < c.size(); ++i) (vertical ? c[i].y0 : c[i].x0) = starts[i];
}

namespace {

void layoutOnce(SceneSpec& scene, uint64_t seed) {
    Rng rng(seed * 7919 + 17);
    const double W = scene.width, H = scene.height, ground = scene.groundY();
    const std::size_t n = scene.characters.size();
    const bool vertical =
        n == 2 && (scene.relation == Relation::Above || scene.relation == Relation::Below);
    for (std::size_t i = 0; i < n; ++i) {
        CharacterSpec& c = scene.characters[i];
        const double d = scene.baseDiameter(c.size);
        const double r = d / 2.0;
        // Slot order: the first-named character is left (or above) unless the relation says
        // otherwise.
        std::size_t slot = i;
        if (scene.relation == Relation::RightOf || scene.relation == Relation::Below)
            slot = n - 1 - i;
        double slotX = W * (slot + 0.5) / static_cast<double>(n);
        double slotY = within(rng, r + 1, ground - r - 1);
        if (vertical) {
            slotX = W * rng.uniform(0.35, 0.65);
            slotY = (slot == 0) ? within(rng, r + 1, H * 0.4) : within(rng, H * 0.6, H - r - 1);
            if (ground < H) slotY = std::min(slotY, ground - r - 1);
        }
        const double jitter = n > 1 ? W / (4.0 * n) : W * 0.25;
        c.x0 = std::clamp(slotX + rng.uniform(-jitter, jitter) * 0.5, r + 1, W - r - 1);
        c.y0 = slotY;
        c.angle0 = 0.0;
        switch (c.motion) {
            case Motion::Still:
                c.travel = rng.uniform(-0.03, 0.03) * W;
                break;
            case Motion::Left:
            case Motion::Right: {
                c.travel = rng.uniform(0.4, 0.6) * W;
                c.travel = std::min(c.travel, W - d - 2);
                const double lo = c.motion == Motion::Right ? r + 1 : r + 1 + c.travel;
                const double hi = c.motion == Motion::Right ? W - r - 1 - c.travel : W - r - 1;
                c.x0 = std::clamp(c.x0, lo, std::max(lo, hi));
                break;
            }
            case Motion::Up:
            case Motion::Down: {
                c.travel = std::min(rng.uniform(0.3, 0.5) * H, H - d - 2);
                const double lo = c.motion == Motion::Down ? r + 1 : r + 1 + c.travel;
                const double hi = c.motion == Motion::Down ? H - r - 1 - c.travel : H - r - 1;
                c.y0 = within(rng, lo, hi);
                break;
            }
            case Motion::Bounce:
                c.amplitude = rng.uniform(0.45, 0.8) * (ground - d - 1);
                c.arcs = rng.uniform(2.2, 3.0);
                c.travel = rng.uniform(-0.12, 0.12) * W;
                c.x0 = std::clamp(c.x0, r + 1 + std::max(0.0, -c.travel),
                                  W - r - 1 - std::max(0.0, c.travel));
                c.y0 = ground - r - c.amplitude;
                break;
            case Motion::Fall:
                c.y0 = within(rng, r + 1, std::max(r + 1, H / 3.0));
                c.y0 = std::min(c.y0, ground - d);
                c.landAt = rng.uniform(0.45, 0.75);
                break;
            case Motion::Spin:
                c.turn = (rng.chance(0.5) ? 1.0 : -1.0) * rng.uniform(kPi, 2.0 * kPi);
                break;
            case Motion::Grow:
            case Motion::Shrink: {
                const double reach = c.motion == Motion::Grow ? 0.9 * d : r;
                c.x0 = std::clamp(c.x0, reach + 1, W - reach - 1);
                c.y0 = within(rng, reach + 1, std::max(reach + 1, std::min(H, ground) - reach - 1));
                break;
            }
        }
    }
    if (scene.camera == Camera::ZoomIn || scene.camera == Camera::ZoomOut) {
        // At 1.5x zoom only the central two thirds of the world is on screen: draw the
        // layout towards the centre so characters stay in view (ground motions keep
        // their heights above the ground line).
        constexpr double kFit = 1.0 / 1.5;
        for (CharacterSpec& c : scene.characters) {
            c.x0 = W / 2.0 + (c.x0 - W / 2.0) * kFit;
            if (c.motion != Motion::Bounce && c.motion != Motion::Fall)
                c.y0 = H / 2.0 + (c.y0 - H / 2.0) * kFit;
            if (c.motion != Motion::Grow && c.motion != Motion::Shrink) c.travel *= kFit;
        }
    }
    if (scene.pillar && n == 1) {
        // Cross the pillar from one side to the other.
        CharacterSpec& c = scene.characters[0];
        const double r = scene.baseDiameter(c.size) / 2.0;
        const auto [p0, p1] = pillarSpan(scene);
        const double start = rng.uniform(r + 1, std::max(r + 1, p0 - r - 2));
        const double end = rng.uniform(std::min(W - r - 1, p1 + r + 2), W - r - 1);
        c.travel = end - start;
        c.x0 = c.motion == Motion::Right ? start : W - start;
    }
}

}  // namespace

SceneSpec sampleScene(uint64_t seed, const SampleOptions& options) {
    Rng rng(seed);
    SceneSpec s;
    s.seed = seed;
    s.frames = options.frames;
    s.fps = options.fps;
    const double canvasDraw = rng.uniform(0.0, 1.0);
    if (options.width > 0 && options.height > 0) {
        s.width = options.width;
        s.height = options.height;
    } else if (options.canvasVariants) {
        if (canvasDraw < 0.15)
            s.width = 96;
        else if (canvasDraw < 0.30)
            s.height = 96;
    }
    s.background = rng.pick(kBackgrounds);
    const double cam = rng.uniform(0.0, 1.0);
    s.camera = cam < 0.6
                   ? Camera::Static
                   : kCameras[static_cast<std::size_t>(1 + static_cast<int>((cam - 0.6) / 0.1))];
    const double nc = rng.uniform(0.0, 1.0);
    int count = nc < 0.55 ? 1 : (nc < 0.85 ? 2 : 3);
    count = std::clamp(count, 1, std::max(1, options.maxCharacters));
    s.pillar = count == 1 && s.camera == Camera::Static && rng.chance(0.15);

    for (int i = 0; i < count; ++i) {
        for (int attempt = 0;; ++attempt) {
            if (attempt > 2000)
                throw Error("world: cannot sample a scene satisfying the held-out policy");
            CharacterSpec c;
            c.colour = rng.pick(kColours);
            c.shape = rng.pick(kShapes);
            c.size = rng.chance(0.5) ? Size::Small : Size::Large;
            c.motion =
                s.pillar ? (rng.chance(0.5) ? Motion::Left : Motion::Right) : rng.pick(kMotions);
            if (!colourAllowedOn(c.colour, s.background) || !motionAllowedFor(c.motion, c.shape))
                continue;
            bool clash = false;
            for (const auto& o : s.characters) clash = clash || o.colour == c.colour;
            if (clash) continue;
            if (!heldOutAllowed(options.heldOut,
                                isHeldOut(c.colour, c.shape, c.motion, s.background)))
                continue;
            s.characters.push_back(c);
            break;
        }
    }
    if (count == 2) {
        const double u = rng.uniform(0.0, 1.0);
        s.relation =
            u < 0.7 ? Relation::LeftOf
                    : (u < 0.8 ? Relation::RightOf : (u < 0.9 ? Relation::Above : Relation::Below));
        const bool airborne =
            !groundMotion(s.characters[0].motion) && !groundMotion(s.characters[1].motion) &&
            s.characters[0].motion != Motion::Up && s.characters[0].motion != Motion::Down &&
            s.characters[1].motion != Motion::Up && s.characters[1].motion != Motion::Down;
        if ((s.relation == Relation::Above || s.relation == Relation::Below) && !airborne)
            s.relation = Relation::LeftOf;
    }
    layoutScene(s, seed);
    return s;
}

std::vector<SceneSpec> sampleSequence(uint64_t seed, int shots, const SampleOptions& options) {
    static const std::vector<std::string> names{"Pip", "Bo",  "Mika", "Tor",
                                                "Lua", "Zed", "Kit",  "Rey"};
    Rng rng(seed ^ 0xA5A5A5A5ull);
    const int cast = rng.integer(1, std::max(1, std::min(3, options.maxCharacters)));
    std::vector<CharacterSpec> people;
    std::vector<std::string> pool = names;
    for (int i = 0; i < cast; ++i) {
        CharacterSpec c;
        const std::size_t k =
            static_cast<std::size_t>(rng.integer(0, static_cast<int>(pool.size()) - 1));
        c.name = pool[k];
        pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(k));
        for (;;) {
            c.colour = rng.pick(kColours);
            bool clash = false;
            for (const auto& o : people) clash = clash || o.colour == c.colour;
            // Keep colours visible on every background: no green or white in a cast.
            if (!clash && c.colour != Colour::Green && c.colour != Colour::White) break;
        }
        c.shape = rng.pick(kShapes);
        c.size = rng.chance(0.5) ? Size::Small : Size::Large;
        people.push_back(c);
    }
    std::vector<SceneSpec> out;
    for (int shot = 0; shot < shots; ++shot) {
        SceneSpec s;
        s.seed = seed * 131 + static_cast<uint64_t>(shot);
        s.frames = options.frames;
        s.fps = options.fps;
        s.background = rng.pick(kBackgrounds);
        for (const auto& p : people) {
            if (people.size() > 1 && rng.chance(0.25) && !s.characters.empty())
                continue;  // not in this shot
            CharacterSpec c = p;
            do c.motion = rng.pick(kMotions);
            while (!motionAllowedFor(c.motion, c.shape));
            s.characters.push_back(c);
        }
        layoutScene(s, s.seed);
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace kinora::world
