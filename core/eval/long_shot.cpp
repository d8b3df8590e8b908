#include "eval/long_shot.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "eval/analyser.h"
#include "util/error.h"

namespace kinora::eval {

double meanAbsDifference(const Image& a, const Image& b) {
    if (a.width != b.width || a.height != b.height || a.rgb.empty())
        throw Error("frames of different sizes cannot be compared");
    double sum = 0.0;
    for (std::size_t i = 0; i < a.rgb.size(); ++i) sum += std::abs(int(a.rgb[i]) - int(b.rgb[i]));
    return sum / static_cast<double>(a.rgb.size());
}

FrameChangeByPhase::FrameChangeByPhase(int groupFrames) {
    if (groupFrames < 2) throw Error("groups of frames need at least 2 frames");
    m_sum.assign(static_cast<std::size_t>(groupFrames), 0.0);
    m_count.assign(static_cast<std::size_t>(groupFrames), 0);
}

void FrameChangeByPhase::add(const Clip& clip) {
    const std::size_t g = m_sum.size();
    for (std::size_t i = 1; i < clip.frames.size(); ++i) {
        const std::size_t phase = (i - 1) % g;
        m_sum[phase] += meanAbsDifference(clip.frames[i - 1], clip.frames[i]);
        m_count[phase] += 1;
    }
}

int FrameChangeByPhase::pairs() const {
    int n = 0;
    for (int c : m_count) n += c;
    return n;
}

std::vector<double> FrameChangeByPhase::means() const {
    std::vector<double> m(m_sum.size(), 0.0);
    for (std::size_t k = 0; k < m.size(); ++k)
        if (m_count[k] > 0) m[k] = m_sum[k] / m_count[k];
    return m;
}

double FrameChangeByPhase::judder() const {
    const auto m = means();
    double all = 0.0;
    for (double v : m) all += v;
    if (pairs() == 0 || all <= 0.0) return 0.0;
    return m[0] / (all / static_cast<double>(m.size()));
}

LongShotReport measureLongShot(const Clip& clip, const std::vector<int>& windowStarts,
                               const world::Appearance& character, int blendFrames) {
    if (!character.colour) throw Error("the character's colour must be known to measure it");
    const int n = static_cast<int>(clip.frames.size());
    if (n < 2 || windowStarts.empty() || windowStarts.front() != 0)
        throw Error("a long shot needs frames and window starts beginning at 0");
    if (blendFrames < 0) throw Error("blend frames cannot be negative");
    LongShotReport r;
    r.windows = static_cast<int>(windowStarts.size());
    std::set<int> joins;  // i: the pair (i - 1, i) belongs to a join
    for (std::size_t w = 1; w < windowStarts.size(); ++w)
        for (int i = windowStarts[w]; i <= windowStarts[w] + blendFrames; ++i) joins.insert(i);
    std::vector<double> within;
    double seamSum = 0.0;
    int seams = 0;
    for (int i = 1; i < n; ++i) {
        const double d = meanAbsDifference(clip.frames[i - 1], clip.frames[i]);
        if (joins.count(i)) {
            seamSum += d;
            ++seams;
            r.worstSeamDifference = std::max(r.worstSeamDifference, d);
        } else {
            within.push_back(d);
        }
    }
    r.seamDifference = seams ? seamSum / seams : 0.0;
    if (!within.empty()) {
        double s = 0.0;
        for (double d : within) s += d;
        r.withinDifference = s / static_cast<double>(within.size());
        std::sort(within.begin(), within.end());
        r.withinP95Difference = within[static_cast<std::size_t>(0.95 * (within.size() - 1))];
    }
    const ClipAnalyser analyser;
    // What each frame shows: a blob of the character's colour, the shape it reads as, and
    // whether that is the character (its colour, and its shape where said).
    struct FrameReading {
        bool colourFound = false;
        std::string shape;
        bool holds = false;
    };
    std::vector<FrameReading> frames(static_cast<std::size_t>(n));
    int holding = 0;
    for (int i = 0; i < n; ++i) {
        const Image& f = clip.frames[static_cast<std::size_t>(i)];
        FrameReading& fr = frames[static_cast<std::size_t>(i)];
        fr.colourFound = analyser.findColour(f, *character.colour).found;
        if (fr.colourFound) {
            const auto shape = analyser.classifyShape(f, *character.colour);
            if (shape) fr.shape = world::name(shape->first);
        }
        fr.holds =
            fr.colourFound && (!character.shape || fr.shape == world::name(*character.shape));
        holding += fr.holds ? 1 : 0;
    }
    r.frameConsistency = static_cast<double>(holding) / n;
    int good = 0;
    for (std::size_t w = 0; w < windowStarts.size(); ++w) {
        const int own = windowStarts[w] + (w > 0 ? blendFrames : 0);
        const int end = std::max(own + 1, w + 1 < windowStarts.size() ? windowStarts[w + 1] : n);
        WindowReading reading;
        reading.start = windowStarts[w];
        reading.frame = std::min(n - 1, (own + end - 1) / 2);
        const FrameReading& mid = frames[static_cast<std::size_t>(reading.frame)];
        reading.colourFound = mid.colourFound;
        reading.shape = mid.shape;
        reading.holds = mid.holds;
        int ownFrames = 0, held = 0;
        for (int i = own; i < std::min(end, n); ++i, ++ownFrames)
            held += frames[static_cast<std::size_t>(i)].holds ? 1 : 0;
        reading.framesHolding = ownFrames > 0 ? static_cast<double>(held) / ownFrames : 0.0;
        good += reading.holds ? 1 : 0;
        r.readings.push_back(reading);
    }
    r.crossWindowConsistency = static_cast<double>(good) / static_cast<double>(windowStarts.size());
    return r;
}

}  // namespace kinora::eval
