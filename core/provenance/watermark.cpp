#include "provenance/watermark.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "util/error.h"

namespace kinora::provenance {

namespace {

constexpr int kGrid = 16;
constexpr int kCells = kGrid * kGrid;
constexpr int kSyncCells = 64;
constexpr int kBits = 48;
constexpr int kCellsPerBit = (kCells - kSyncCells) / kBits;  // 4
constexpr double kFoundZ = 5.0;
constexpr int kFlipBits = 8;  ///< CRC-aided decoding tries flips of the 8 least sure bits
constexpr int kCandidates = 1 + 16 + 49 + 121 + 196;  ///< crops searched (see detectFrames)

uint64_t splitmix(uint64_t& s) {
    uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/// The key's layout: which cells carry what, with which sign.
struct Layout {
    std::array<int, kCells> role{};  ///< -1 sync, else the payload bit
    std::array<int, kCells> sign{};  ///< +1 / -1
};

const Layout& layoutFor(uint64_t key) {
    static thread_local uint64_t cachedKey = ~key;
    static thread_local Layout cached;
    if (cachedKey == key) return cached;
    uint64_t s = key;
    std::array<int, kCells> perm{};
    for (int i = 0; i < kCells; ++i) perm[std::size_t(i)] = i;
    for (int i = kCells - 1; i > 0; --i)
        std::swap(perm[std::size_t(i)], perm[splitmix(s) % uint64_t(i + 1)]);
    for (int i = 0; i < kCells; ++i) {
        const int cell = perm[std::size_t(i)];
        cached.role[std::size_t(cell)] = i < kSyncCells ? -1 : (i - kSyncCells) / kCellsPerBit;
        cached.sign[std::size_t(cell)] = (splitmix(s) & 1) ? 1 : -1;
    }
    cachedKey = key;
    return cached;
}

/// Frame signs: pairs (r, -r), so any even run of frames sums to zero.
int frameSign(uint64_t key, int t) {
    uint64_t s = key ^ (0x5bd1e995ull * uint64_t(t / 2 + 1));
    const int r = (splitmix(s) & 1) ? 1 : -1;
    return t % 2 == 0 ? r : -r;
}

uint64_t payload(uint32_t id) {
    return (uint64_t(id) << 16) | idCrc(id);
}

/// Summed-area table of a frame's luma (BT.709 weights).
struct LumaIntegral {
    int w = 0, h = 0;
    std::vector<double> s;  ///< (w+1)*(h+1)
    explicit LumaIntegral(const Image& img) : w(img.width), h(img.height) {
        s.assign(std::size_t(w + 1) * std::size_t(h + 1), 0.0);
        for (int y = 0; y < h; ++y) {
            double row = 0;
            for (int x = 0; x < w; ++x) {
                const uint8_t* p = img.pixel(x, y);
                row += 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
                s[std::size_t(y + 1) * (w + 1) + (x + 1)] =
                    s[std::size_t(y) * (w + 1) + (x + 1)] + row;
            }
        }
    }
    /// Mean over [x0,x1) x [y0,y1) in pixels (clipped), NaN when empty.
    double mean(int x0, int y0, int x1, int y1) const {
        x0 = std::clamp(x0, 0, w), x1 = std::clamp(x1, 0, w);
        y0 = std::clamp(y0, 0, h), y1 = std::clamp(y1, 0, h);
        if (x1 <= x0 || y1 <= y0) return std::nan("");
        const auto at = [&](int x, int y) { return s[std::size_t(y) * (w + 1) + x]; };
        return (at(x1, y1) - at(x0, y1) - at(x1, y0) + at(x0, y0)) / double((x1 - x0) * (y1 - y0));
    }
};

struct Candidate {
    double scale, ox, oy;
};

struct Score {
    double z = -1e9;
    uint64_t bits = 0;
    std::array<double, 48> soft{};  ///< each payload bit's score (sign: the bit)
};

Score scoreCandidate(const std::vector<const LumaIntegral*>& frames, const Candidate& c,
                     const WatermarkOptions& o, const Layout& layout) {
    const int w = frames[0]->w, h = frames[0]->h;
    const std::size_t pairs = frames.size() / 2;
    // Per cell: R = sum over frame pairs of r_j (L_2j - L_2j+1), and the spread R would
    // have if the signs r_j were unrelated to the picture: sqrt(sum of (L_2j - L_2j+1)^2).
    // Their ratio is ~N(0,1) in an unmarked clip whatever it shows (moving characters,
    // flat colour, camera pans), and about sqrt(pairs) in a marked cell.
    std::array<double, kCells> z{};
    std::array<bool, kCells> valid{};
    for (int v = 0; v < kGrid; ++v)
        for (int u = 0; u < kGrid; ++u) {
            // The cell's inner half (a quarter margin each side), mapped into this frame.
            const double x0 = ((u + 0.25) / kGrid - c.ox) / c.scale * w;
            const double x1 = ((u + 0.75) / kGrid - c.ox) / c.scale * w;
            const double y0 = ((v + 0.25) / kGrid - c.oy) / c.scale * h;
            const double y1 = ((v + 0.75) / kGrid - c.oy) / c.scale * h;
            if (x0 < 0 || y0 < 0 || x1 > w || y1 > h) continue;
            const int ix0 = int(std::lround(x0)), ix1 = std::max(ix0 + 1, int(std::lround(x1)));
            const int iy0 = int(std::lround(y0)), iy1 = std::max(iy0 + 1, int(std::lround(y1)));
            double r = 0, var = 0;
            for (std::size_t j = 0; j < pairs; ++j) {
                const double d = frames[2 * j]->mean(ix0, iy0, ix1, iy1) -
                                 frames[2 * j + 1]->mean(ix0, iy0, ix1, iy1);
                r += frameSign(o.key, int(2 * j)) * d;
                var += d * d;
            }
            if (std::isnan(r)) continue;
            // Rounding noise floor (a quarter level per frame pair) keeps flat cells tame.
            const int cell = v * kGrid + u;
            z[std::size_t(cell)] = r / std::sqrt(var + 0.25 * double(pairs));
            valid[std::size_t(cell)] = true;
        }
    double sync = 0;
    int nSync = 0;
    std::array<double, kBits> bitScore{};
    for (int i = 0; i < kCells; ++i) {
        if (!valid[std::size_t(i)]) continue;
        const double x = layout.sign[std::size_t(i)] * z[std::size_t(i)];
        const int role = layout.role[std::size_t(i)];
        if (role < 0) {
            sync += x;
            ++nSync;
        } else {
            bitScore[std::size_t(role)] += x;
        }
    }
    if (nSync < kSyncCells / 2) return {};
    Score s;
    s.z = sync / std::sqrt(double(nSync));
    for (int k = 0; k < kBits; ++k) {
        s.soft[std::size_t(k)] = bitScore[std::size_t(k)];
        if (bitScore[std::size_t(k)] > 0) s.bits |= uint64_t(1) << (kBits - 1 - k);
    }
    return s;
}

}  // namespace

uint16_t idCrc(uint32_t id) {
    uint16_t crc = 0xffff;
    for (int byte = 3; byte >= 0; --byte) {
        crc ^= uint16_t(((id >> (8 * byte)) & 0xff) << 8);
        for (int i = 0; i < 8; ++i)
            crc = (crc & 0x8000) ? uint16_t((crc << 1) ^ 0x1021) : uint16_t(crc << 1);
    }
    return crc;
}

void embedWatermark(Clip& clip, uint32_t id, const WatermarkOptions& o) {
    const Layout& layout = layoutFor(o.key);
    const uint64_t bits = payload(id);
    for (std::size_t t = 0; t < clip.frames.size(); ++t) {
        Image& f = clip.frames[t];
        if (f.width < kGrid || f.height < kGrid)
            throw Error("the watermark needs frames of at least 16x16 pixels");
        const int m = frameSign(o.key, int(t));
        for (int v = 0; v < kGrid; ++v)
            for (int u = 0; u < kGrid; ++u) {
                const int cell = v * kGrid + u;
                const int role = layout.role[std::size_t(cell)];
                const int value = role < 0 ? 1 : (((bits >> (kBits - 1 - role)) & 1) ? 1 : -1);
                const int delta =
                    int(std::lround(o.amplitude)) * m * layout.sign[std::size_t(cell)] * value;
                const int x0 = u * f.width / kGrid, x1 = (u + 1) * f.width / kGrid;
                const int y0 = v * f.height / kGrid, y1 = (v + 1) * f.height / kGrid;
                for (int y = y0; y < y1; ++y)
                    for (int x = x0; x < x1; ++x) {
                        uint8_t* p = f.pixel(x, y);
                        for (int ch = 0; ch < 3; ++ch)
                            p[ch] = uint8_t(std::clamp(p[ch] + delta, 0, 255));
                    }
            }
    }
}

namespace {

/// Whether some frame repeats the one before (mean difference under a level): the clip
/// may have been conformed to a higher rate by repeating frames.
bool hasRepeats(const Clip& clip) {
    for (std::size_t t = 1; t < clip.frames.size(); ++t) {
        const auto& a = clip.frames[t].rgb;
        const auto& b = clip.frames[t - 1].rgb;
        double diff = 0;
        for (std::size_t i = 0; i < a.size(); ++i) diff += std::abs(int(a[i]) - int(b[i]));
        if (diff < double(a.size())) return true;
    }
    return false;
}

/// Frame-rate ratios a clip may have been conformed by (editing rates over the rates
/// clips are made at, and whole repeats): source frame j is output frame ceil(j * ratio).
std::vector<double> conformRatios() {
    std::vector<double> out;
    for (double target : {24000.0 / 1001, 24.0, 25.0, 30000.0 / 1001, 30.0, 50.0, 60.0})
        for (double source : {8.0, 12.0, 15.0, 16.0, 24.0})
            if (target / source > 1.01) out.push_back(target / source);
    for (double k : {2.0, 3.0, 4.0, 5.0}) out.push_back(k);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end(),
                          [](double x, double y) { return std::abs(x - y) < 1e-9; }),
              out.end());
    return out;
}

Detection detectFrames(const std::vector<const LumaIntegral*>& frames, const WatermarkOptions& o);

}  // namespace

Detection detectWatermark(const Clip& clip, const WatermarkOptions& o) {
    if (clip.frames.size() < 2) return {};
    for (const auto& f : clip.frames)
        if (f.width != clip.frames[0].width || f.height != clip.frames[0].height)
            throw Error("the clip's frames differ in size");
    // Each frame's luma integral once; the conform ratios below pick among them.
    std::vector<LumaIntegral> integrals;
    integrals.reserve(clip.frames.size());
    for (const auto& f : clip.frames) integrals.emplace_back(f);
    std::vector<const LumaIntegral*> all;
    for (const auto& f : integrals) all.push_back(&f);
    Detection d = detectFrames(all, o);
    if (!hasRepeats(clip)) return d;
    // Conformed to an editing rate (8 fps shown at 24, say): the frame signs count the
    // frames it was made of, so read those back, for each ratio it may have been.
    const auto ratios = conformRatios();
    for (double ratio : ratios) {
        std::vector<const LumaIntegral*> source;
        for (int j = 0;; ++j) {
            const auto k = static_cast<std::size_t>(std::ceil(j * ratio - 1e-9));
            if (k >= integrals.size()) break;
            source.push_back(&integrals[k]);
        }
        if (source.size() < 2) continue;
        const Detection u = detectFrames(source, o);
        if (u.syncScore > d.syncScore) d = u;
    }
    // More places searched: the confidence accounts for them.
    const double tail = 0.5 * std::erfc(d.syncScore / std::sqrt(2.0));
    d.confidence = std::clamp(1.0 - double(ratios.size() + 1) * kCandidates * tail, 0.0, 1.0);
    return d;
}

namespace {

Detection detectFrames(const std::vector<const LumaIntegral*>& frames, const WatermarkOptions& o) {
    Detection d;
    if (frames.size() < 2) return d;
    const Layout& layout = layoutFor(o.key);
    std::vector<Candidate> candidates;
    for (double scale : {1.0, 0.95, 0.9, 0.85, 0.8}) {
        const int steps = int(std::lround((1.0 - scale) * 64));
        for (int iy = 0; iy <= steps; ++iy)
            for (int ix = 0; ix <= steps; ++ix) candidates.push_back({scale, ix / 64.0, iy / 64.0});
    }
    if (candidates.size() != std::size_t(kCandidates))
        throw Error("watermark: crop search changed");
    Score best;
    Candidate at{1, 0, 0};
    for (const auto& c : candidates) {
        const Score s = scoreCandidate(frames, c, o, layout);
        if (s.z > best.z) {
            best = s;
            at = c;
        }
    }
    d.syncScore = best.z;
    d.scale = at.scale;
    d.offsetX = at.ox;
    d.offsetY = at.oy;
    // CRC-aided decoding: when the hard decision fails its CRC, flip the least sure bits,
    // cheapest combinations first (2^8 tries: a wrong payload passes with chance 256/65536,
    // and only ever after the sync pattern said the watermark is there).
    std::array<int, kBits> order{};
    for (int k = 0; k < kBits; ++k) order[std::size_t(k)] = k;
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        return std::abs(best.soft[std::size_t(a)]) < std::abs(best.soft[std::size_t(b)]);
    });
    std::vector<std::pair<double, int>> flips;
    for (int mask = 0; mask < (1 << kFlipBits); ++mask) {
        double cost = 0;
        for (int i = 0; i < kFlipBits; ++i)
            if (mask & (1 << i)) cost += std::abs(best.soft[std::size_t(order[std::size_t(i)])]);
        flips.push_back({cost, mask});
    }
    std::sort(flips.begin(), flips.end());
    uint64_t bits = best.bits;
    for (const auto& [cost, mask] : flips) {
        uint64_t trial = best.bits;
        for (int i = 0; i < kFlipBits; ++i)
            if (mask & (1 << i)) trial ^= uint64_t(1) << (kBits - 1 - order[std::size_t(i)]);
        if (idCrc(uint32_t(trial >> 16)) == uint16_t(trial & 0xffff)) {
            bits = trial;
            d.crcOk = true;
            break;
        }
    }
    d.bits = bits;
    d.id = uint32_t(bits >> 16);
    d.found = best.z >= kFoundZ;
    // Chance that noise scores this high somewhere in the search (union bound).
    const double tail = 0.5 * std::erfc(best.z / std::sqrt(2.0));
    d.confidence = std::clamp(1.0 - double(kCandidates) * tail, 0.0, 1.0);
    return d;
}

}  // namespace

double clipPsnr(const Clip& a, const Clip& b) {
    if (a.frames.size() != b.frames.size()) throw Error("PSNR: the clips differ in length");
    double se = 0;
    double n = 0;
    for (std::size_t t = 0; t < a.frames.size(); ++t) {
        if (a.frames[t].rgb.size() != b.frames[t].rgb.size())
            throw Error("PSNR: frames differ in size");
        for (std::size_t i = 0; i < a.frames[t].rgb.size(); ++i) {
            const double d = double(a.frames[t].rgb[i]) - double(b.frames[t].rgb[i]);
            se += d * d;
        }
        n += double(a.frames[t].rgb.size());
    }
    if (se == 0) return 99.0;
    return 10.0 * std::log10(255.0 * 255.0 / (se / n));
}

}  // namespace kinora::provenance
