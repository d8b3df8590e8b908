#include "eval/analyser.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "world/renderer.h"

namespace kinora::eval {

using world::Background;
using world::Camera;
using world::Colour;
using world::Motion;
using world::Shape;

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kColourTolerance = 45;
constexpr int kMinBlobArea = 8;

int distance2(const uint8_t* p, world::Rgb c) {
    const int dr = p[0] - c.r, dg = p[1] - c.g, db = p[2] - c.b;
    return dr * dr + dg * dg + db * db;
}

bool isCharacterColour(const uint8_t* p) {
    for (Colour c : world::kColours)
        if (distance2(p, world::rgb(c)) <= kColourTolerance * kColourTolerance) return true;
    return false;
}

bool isPillar(const uint8_t* p) {
    return distance2(p, {60, 60, 60}) <= 20 * 20;
}

// Largest connected component of pixels near `colour`: its mask, area and centroid.
struct Component {
    Blob blob;
    cv::Mat mask;  // CV_8U, 255 inside
    cv::Rect box;
};

Component largestComponent(const Image& frame, Colour colour) {
    cv::Mat mask(frame.height, frame.width, CV_8U, cv::Scalar(0));
    const world::Rgb c = world::rgb(colour);
    for (int y = 0; y < frame.height; ++y)
        for (int x = 0; x < frame.width; ++x)
            if (distance2(frame.pixel(x, y), c) <= kColourTolerance * kColourTolerance)
                mask.at<uint8_t>(y, x) = 255;
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
    Component out;
    int best = -1, bestArea = kMinBlobArea - 1;
    for (int i = 1; i < n; ++i) {
        const int area = stats.at<int>(i, cv::CC_STAT_AREA);
        if (area > bestArea) {
            bestArea = area;
            best = i;
        }
    }
    if (best < 0) return out;
    out.blob = {true, static_cast<double>(bestArea), centroids.at<double>(best, 0) + 0.5,
                centroids.at<double>(best, 1) + 0.5};
    out.mask = (labels == best);
    out.box =
        cv::Rect(stats.at<int>(best, cv::CC_STAT_LEFT), stats.at<int>(best, cv::CC_STAT_TOP),
                 stats.at<int>(best, cv::CC_STAT_WIDTH), stats.at<int>(best, cv::CC_STAT_HEIGHT));
    return out;
}

// Area of a shape of radius 1 (pixel-centre sampling of the same rasteriser).
double unitArea(Shape s) {
    static std::map<Shape, double> cache;
    auto it = cache.find(s);
    if (it != cache.end()) return it->second;
    int inside = 0;
    const int n = 400;
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x)
            inside +=
                world::insideShape(s, (x + 0.5) / n * 4.0 - 2.0, (y + 0.5) / n * 4.0 - 2.0, 1.0)
                    ? 1
                    : 0;
    return cache[s] = 16.0 * inside / (n * n);
}

double symmetryPeriod(Shape s) {
    switch (s) {
        case Shape::Square:
        case Shape::Cross:
            return kPi / 2.0;
        case Shape::Triangle:
            return 2.0 * kPi / 3.0;
        case Shape::Star:
            return 2.0 * kPi / 5.0;
        default:
            return 0.0;
    }
}

// IoU of the component with a template of `shape` (same area, at its centroid, angle a).
double templateIoU(const Component& c, Shape shape, double angle, double scale) {
    const double radius = std::sqrt(c.blob.area / unitArea(shape)) * scale;
    const int pad = static_cast<int>(std::ceil(radius * 1.3)) + 2;
    const int x0 = std::max(0, std::min(c.box.x, static_cast<int>(c.blob.x) - pad));
    const int y0 = std::max(0, std::min(c.box.y, static_cast<int>(c.blob.y) - pad));
    const int x1 = std::min(c.mask.cols - 1,
                            std::max(c.box.x + c.box.width, static_cast<int>(c.blob.x) + pad));
    const int y1 = std::min(c.mask.rows - 1,
                            std::max(c.box.y + c.box.height, static_cast<int>(c.blob.y) + pad));
    const double ca = std::cos(-angle), sa = std::sin(-angle);
    int inter = 0, uni = 0;
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            const double dx = x + 0.5 - c.blob.x, dy = y + 0.5 - c.blob.y;
            const bool t = world::insideShape(shape, dx * ca - dy * sa, dx * sa + dy * ca, radius);
            const bool m = c.mask.at<uint8_t>(y, x) != 0;
            inter += (t && m) ? 1 : 0;
            uni += (t || m) ? 1 : 0;
        }
    return uni > 0 ? static_cast<double>(inter) / uni : 0.0;
}

struct ShapeFit {
    Shape shape = Shape::Circle;
    double angle = 0.0;
    double iou = 0.0;
};

ShapeFit fitShape(const Component& c, std::optional<Shape> only = std::nullopt) {
    ShapeFit best;
    for (Shape s : world::kShapes) {
        if (only && s != *only) continue;
        const double period = symmetryPeriod(s);
        const int angles = period > 0 ? 12 : 1;
        for (int k = 0; k < angles; ++k) {
            const double a = period * k / angles;
            for (double scale : {0.95, 1.0, 1.05}) {
                const double iou = templateIoU(c, s, a, scale);
                if (iou > best.iou) best = {s, a, iou};
            }
        }
    }
    return best;
}

bool touchesBorder(const Component& c) {
    return c.box.x <= 0 || c.box.y <= 0 || c.box.x + c.box.width >= c.mask.cols ||
           c.box.y + c.box.height >= c.mask.rows;
}

bool nearPillar(const Component& c, const world::SceneSpec& s, double t) {
    if (!s.pillar) return false;
    const auto view = world::cameraAt(s, t);
    const auto [p0, p1] = world::pillarSpan(s);
    const double a = view.toScreenX(p0) - 1.5, b = view.toScreenX(p1) + 1.5;
    return c.box.x < b && c.box.x + c.box.width > a;
}

// Mean background colours of the top and bottom bands, characters and pillar ignored.
std::pair<world::Rgb, world::Rgb> bands(const Image& f) {
    auto mean = [&](int y0, int y1) {
        double s[3] = {0, 0, 0};
        int n = 0;
        for (int y = y0; y < y1; ++y)
            for (int x = 0; x < f.width; ++x) {
                const uint8_t* p = f.pixel(x, y);
                if (isCharacterColour(p) || isPillar(p)) continue;
                for (int k = 0; k < 3; ++k) s[k] += p[k];
                ++n;
            }
        if (n == 0) return world::Rgb{0, 0, 0};
        return world::Rgb{static_cast<uint8_t>(s[0] / n), static_cast<uint8_t>(s[1] / n),
                          static_cast<uint8_t>(s[2] / n)};
    };
    return {mean(0, std::max(1, f.height * 15 / 100)), mean(f.height * 88 / 100, f.height)};
}

cv::Mat backgroundGray(const Image& f, cv::Mat* valid) {
    cv::Mat g(f.height, f.width, CV_32F);
    for (int y = 0; y < f.height; ++y)
        for (int x = 0; x < f.width; ++x) {
            const uint8_t* p = f.pixel(x, y);
            g.at<float>(y, x) = 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2];
        }
    if (valid) {
        // Only real character blobs are masked: 2x2 stars stay, they show the camera.
        *valid = cv::Mat(f.height, f.width, CV_8U, cv::Scalar(255));
        for (Colour c : world::kColours) {
            const Component comp = largestComponent(f, c);
            if (!comp.blob.found) continue;
            cv::Mat grown;
            cv::dilate(comp.mask, grown, cv::Mat(), cv::Point(-1, -1), 1);
            valid->setTo(0, grown);
        }
    }
    return g;
}

// Mean |a' - b| over background pixels valid in both, a' = a shifted by dx and zoomed
// by s about the centre. Also returns the fraction of pixels compared.
double transformError(const cv::Mat& a, const cv::Mat& va, const cv::Mat& b, const cv::Mat& vb,
                      double dx, double s) {
    const double cx = a.cols / 2.0, cy = a.rows / 2.0;
    double err = 0.0;
    int n = 0;
    for (int y = 0; y < b.rows; ++y)
        for (int x = 0; x < b.cols; ++x) {
            if (!vb.at<uint8_t>(y, x)) continue;
            const double sx = (x + 0.5 - cx) / s + cx - dx, sy = (y + 0.5 - cy) / s + cy;
            const int ix = static_cast<int>(std::floor(sx)), iy = static_cast<int>(std::floor(sy));
            if (ix < 0 || iy < 0 || ix >= a.cols || iy >= a.rows || !va.at<uint8_t>(iy, ix))
                continue;
            err += std::abs(a.at<float>(iy, ix) - b.at<float>(y, x));
            ++n;
        }
    return static_cast<std::size_t>(n) > a.total() / 4 ? err / n : 1e9;
}

double median(std::vector<double> v) {
    if (v.empty()) return 0.0;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
}

// The colours a scene may show: its background's (each region over its texture's range),
// the pillar's and the intended characters'.
std::vector<world::Rgb> sceneColours(const world::SceneSpec& s) {
    auto shaded = [](world::Rgb c, int d) {
        auto clip = [](int v) { return static_cast<uint8_t>(std::clamp(v, 0, 255)); };
        return world::Rgb{clip(c.r + d), clip(c.g + d), clip(c.b + d)};
    };
    std::vector<world::Rgb> out;
    auto region = [&](world::Rgb c, int texture) {
        out.push_back(shaded(c, -texture));
        out.push_back(shaded(c, texture));
    };
    const world::Rgb sky{135, 200, 235};
    switch (s.background) {
        case Background::Night:
            out.push_back({20, 20, 40});
            out.push_back({230, 230, 230});  // the stars
            break;
        case Background::Meadow:
            out.push_back(sky);
            region({70, 150, 60}, 10);
            break;
        case Background::Beach:
            out.push_back(sky);
            region({230, 210, 150}, 36);
            break;
        case Background::Room:
            out.push_back({200, 190, 170});
            region({140, 100, 60}, 30);
            break;
        case Background::Gray:
            region({110, 110, 110}, 16);
            break;
    }
    if (s.pillar) out.push_back({60, 60, 60});
    for (const auto& c : s.characters) out.push_back(world::rgb(c.colour));
    return out;
}

// Squared distance from p to the segment a-b in RGB.
double segmentDistance2(const uint8_t* p, world::Rgb a, world::Rgb b) {
    const double ab[3] = {static_cast<double>(b.r) - a.r, static_cast<double>(b.g) - a.g,
                          static_cast<double>(b.b) - a.b};
    const double ap[3] = {static_cast<double>(p[0]) - a.r, static_cast<double>(p[1]) - a.g,
                          static_cast<double>(p[2]) - a.b};
    const double len2 = ab[0] * ab[0] + ab[1] * ab[1] + ab[2] * ab[2];
    double u = len2 > 0 ? (ap[0] * ab[0] + ap[1] * ab[1] + ap[2] * ab[2]) / len2 : 0.0;
    u = std::clamp(u, 0.0, 1.0);
    double d2 = 0.0;
    for (int k = 0; k < 3; ++k) {
        const double d = ap[k] - u * ab[k];
        d2 += d * d;
    }
    return d2;
}

}  // namespace

double strayFraction(const Image& frame, const world::SceneSpec& scene) {
    if (frame.rgb.empty()) return 0.0;
    // A decoded frame is a little off every exact colour; speckles are far off all of them.
    constexpr double kTolerance = 36.0;
    const auto colours = sceneColours(scene);
    int stray = 0;
    for (int y = 0; y < frame.height; ++y)
        for (int x = 0; x < frame.width; ++x) {
            const uint8_t* p = frame.pixel(x, y);
            bool placed = false;
            for (std::size_t i = 0; i < colours.size() && !placed; ++i)
                for (std::size_t j = i; j < colours.size() && !placed; ++j)
                    placed = segmentDistance2(p, colours[i], colours[j]) <= kTolerance * kTolerance;
            stray += placed ? 0 : 1;
        }
    return static_cast<double>(stray) / (static_cast<double>(frame.width) * frame.height);
}

double psnr(const Image& a, const Image& b) {
    if (a.width != b.width || a.height != b.height || a.rgb.empty()) return 0.0;
    double se = 0.0;
    for (std::size_t i = 0; i < a.rgb.size(); ++i) {
        const double d = static_cast<double>(a.rgb[i]) - b.rgb[i];
        se += d * d;
    }
    const double mse = se / static_cast<double>(a.rgb.size());
    return mse <= 0.0 ? 99.0 : 10.0 * std::log10(255.0 * 255.0 / mse);
}

Background ClipAnalyser::classifyBackground(const Image& frame) const {
    const auto [top, bottom] = bands(frame);
    struct Ref {
        Background bg;
        world::Rgb top, bottom;
    };
    static const Ref refs[] = {{Background::Night, {20, 20, 40}, {20, 20, 40}},
                               {Background::Meadow, {135, 200, 235}, {70, 150, 60}},
                               {Background::Beach, {135, 200, 235}, {230, 210, 150}},
                               {Background::Room, {200, 190, 170}, {140, 100, 60}},
                               {Background::Gray, {110, 110, 110}, {110, 110, 110}}};
    Background best = Background::Gray;
    double bestD = 1e18;
    const uint8_t t[3] = {top.r, top.g, top.b}, b[3] = {bottom.r, bottom.g, bottom.b};
    for (const auto& r : refs) {
        const double d = std::sqrt(distance2(t, r.top)) + std::sqrt(distance2(b, r.bottom));
        if (d < bestD) {
            bestD = d;
            best = r.bg;
        }
    }
    return best;
}

Blob ClipAnalyser::findColour(const Image& frame, Colour colour) const {
    return largestComponent(frame, colour).blob;
}

std::optional<std::pair<Shape, double>> ClipAnalyser::classifyShape(const Image& frame,
                                                                    Colour colour) const {
    const Component c = largestComponent(frame, colour);
    if (!c.blob.found) return std::nullopt;
    const ShapeFit f = fitShape(c);
    return std::make_pair(f.shape, f.angle);
}

Camera ClipAnalyser::classifyCamera(const Clip& clip) const {
    if (clip.frames.size() < 2) return Camera::Static;
    cv::Mat va, vb;
    const cv::Mat a = backgroundGray(clip.frames.front(), &va),
                  b = backgroundGray(clip.frames.back(), &vb);
    const double w = clip.width();
    const double identity = transformError(a, va, b, vb, 0.0, 1.0);
    double best = identity, bestDx = 0.0, bestS = 1.0;
    for (double dx = -0.35 * w; dx <= 0.35 * w; dx += 1.0) {
        const double e = transformError(a, va, b, vb, dx, 1.0);
        if (e < best) {
            best = e;
            bestDx = dx;
            bestS = 1.0;
        }
    }
    for (double s = 1.0 / 1.6; s <= 1.6; s *= 1.03) {
        const double e = transformError(a, va, b, vb, 0.0, s);
        if (e < best) {
            best = e;
            bestDx = 0.0;
            bestS = s;
        }
    }
    if (identity - best < 0.3 || best > 0.75 * identity)
        return Camera::Static;                      // no clear camera motion
    if (bestDx >= 0.1 * w) return Camera::PanLeft;  // the scene moved right
    if (bestDx <= -0.1 * w) return Camera::PanRight;
    if (bestS >= 1.2) return Camera::ZoomIn;
    if (bestS <= 1.0 / 1.2) return Camera::ZoomOut;
    return Camera::Static;
}

Motion ClipAnalyser::classifyMotion(const Clip& clip, const world::SceneSpec& s,
                                    std::size_t character) const {
    const Colour colour = s.characters.at(character).colour;
    const Shape shape = s.characters.at(character).shape;
    const double W = clip.width(), H = clip.height();
    std::vector<double> xs, ys, areas, angles;
    for (std::size_t f = 0; f < clip.frames.size(); ++f) {
        const double t = s.timeOf(static_cast<int>(f));
        const Component c = largestComponent(clip.frames[f], colour);
        if (!c.blob.found || nearPillar(c, s, t)) continue;
        bool touching = false;  // another character overlapping changes the visible area
        for (std::size_t o = 0; o < s.characters.size(); ++o) {
            if (o == character) continue;
            const Component other = largestComponent(clip.frames[f], s.characters[o].colour);
            if (!other.blob.found) continue;
            cv::Rect grown = other.box;
            grown.x -= 2;
            grown.y -= 2;
            grown.width += 4;
            grown.height += 4;
            touching = touching || (grown & c.box).area() > 0;
        }
        // Into world coordinates with the intended camera (the camera is scored apart).
        const auto view = world::cameraAt(s, t);
        xs.push_back(view.toWorldX(c.blob.x));
        ys.push_back(view.toWorldY(c.blob.y));
        const bool whole = !touchesBorder(c) && !touching;
        areas.push_back(c.blob.area / (view.zoom * view.zoom) * (whole ? 1.0 : -1.0));
        if (symmetryPeriod(shape) > 0 && whole) angles.push_back(fitShape(c, shape).angle);
    }
    if (xs.size() < 3) return Motion::Still;
    const double dx = xs.back() - xs.front(), dy = ys.back() - ys.front();
    // Grow, shrink and spin happen in place (SPEC): a character that travels as far as a
    // left/right or up/down mover is not read as one of them, however its outline wobbles
    // (a generated blob's fitted angle jitters from frame to frame and its area with it).
    // How far a left/right and an up/down mover travel at least, as the analyser reads them.
    const double acrossTravel = 0.2 * W, upDownTravel = 0.15 * H;
    const bool inPlace = std::abs(dx) < acrossTravel && std::abs(dy) < upDownTravel;
    std::vector<double> whole;
    for (double a : areas)
        if (a > 0) whole.push_back(a);
    if (inPlace && whole.size() >= 4) {
        const std::size_t k = std::max<std::size_t>(1, whole.size() / 4);
        const double first =
            median({whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(k)});
        const double last = median({whole.end() - static_cast<std::ptrdiff_t>(k), whole.end()});
        if (last / first >= 1.35) return Motion::Grow;
        if (last / first <= 0.75) return Motion::Shrink;
    }
    if (inPlace && angles.size() >= 3) {
        const double period = symmetryPeriod(shape);
        double turned = 0.0;
        for (std::size_t i = 1; i < angles.size(); ++i) {
            double d = std::fmod(angles[i] - angles[i - 1], period);
            if (d > period / 2) d -= period;
            if (d < -period / 2) d += period;
            turned += std::abs(d);
        }
        if (turned >= kPi / 2.0) return Motion::Spin;
    }
    const double yMin = *std::min_element(ys.begin(), ys.end()),
                 yMax = *std::max_element(ys.begin(), ys.end());
    // Bounce: several returns to the lowest line with real height in between.
    int contacts = 0;
    for (std::size_t i = 0; i < ys.size(); ++i) {
        const bool low = ys[i] >= yMax - 0.12 * H;
        const bool peak =
            (i == 0 || ys[i] >= ys[i - 1]) && (i + 1 == ys.size() || ys[i] >= ys[i + 1]);
        if (low && peak) ++contacts;
    }
    int reversals = 0;
    for (std::size_t i = 2; i < ys.size(); ++i)
        if ((ys[i] - ys[i - 1]) * (ys[i - 1] - ys[i - 2]) < 0 &&
            std::abs(ys[i] - ys[i - 1]) > 0.01 * H)
            ++reversals;
    if (yMax - yMin >= 0.12 * H && contacts >= 2 && reversals >= 2) return Motion::Bounce;
    // Fall: down a good way, then at rest for the last part.
    const std::size_t tail = std::max<std::size_t>(2, ys.size() * 3 / 10);
    double tailMove = 0.0;
    for (std::size_t i = ys.size() - tail; i + 1 < ys.size(); ++i)
        tailMove += std::abs(ys[i + 1] - ys[i]);
    if (dy >= upDownTravel && tailMove <= 0.03 * H && std::abs(dx) < acrossTravel)
        return Motion::Fall;
    if (std::abs(dx) >= acrossTravel && std::abs(dx) >= std::abs(dy))
        return dx > 0 ? Motion::Right : Motion::Left;
    if (std::abs(dy) >= upDownTravel) return dy > 0 ? Motion::Down : Motion::Up;
    return Motion::Still;
}

ClipScores ClipAnalyser::score(const Clip& clip, const world::SceneSpec& s) const {
    ClipScores out;
    if (clip.frames.empty()) return out;
    const auto tracks = world::computeTracks(s);
    const std::size_t frames = clip.frames.size();

    int bgRight = 0;
    for (const Image& f : clip.frames) bgRight += classifyBackground(f) == s.background ? 1 : 0;
    out.background = bgRight * 2 > static_cast<int>(frames) ? 1.0 : 0.0;
    out.cameraRead = classifyCamera(clip);
    out.camera = out.cameraRead == s.camera ? 1.0 : 0.0;
    for (const Image& f : clip.frames) out.strayFraction += strayFraction(f, s);
    out.strayFraction /= static_cast<double>(frames);
    out.clean = out.strayFraction <= kMaxStrayFraction ? 1.0 : 0.0;

    // Which colours are present: the count is right when exactly the intended ones are.
    std::map<Colour, std::vector<Component>> comps;
    for (Colour c : world::kColours)
        for (const Image& f : clip.frames) comps[c].push_back(largestComponent(f, c));
    std::set<Colour> present, intended;
    for (Colour c : world::kColours) {
        int n = 0;
        for (const auto& comp : comps[c]) n += comp.blob.found ? 1 : 0;
        if (n * 10 >= static_cast<int>(frames) * 4) present.insert(c);
    }
    for (const auto& c : s.characters) intended.insert(c.colour);
    out.count = present == intended ? 1.0 : 0.0;

    double colour = 0, shape = 0, size = 0, motion = 0, consistency = 0;
    for (std::size_t i = 0; i < s.characters.size(); ++i) {
        const auto& ch = s.characters[i];
        const auto& cs = comps[ch.colour];
        int expected = 0, found = 0, stablePairs = 0, pairs = 0;
        std::map<Shape, int> votes;
        std::optional<double> firstArea;
        double firstZoom = 1.0;
        for (std::size_t f = 0; f < frames && f < tracks[i].size(); ++f) {
            if (tracks[i][f].visible < 0.5) continue;
            ++expected;
            const Component& c = cs[f];
            if (!c.blob.found) continue;
            ++found;
            const double t = s.timeOf(static_cast<int>(f));
            const bool clean = !touchesBorder(c) && !nearPillar(c, s, t);
            if (clean && f % 2 == 0) ++votes[fitShape(c).shape];
            if (clean && !firstArea) {
                firstArea = c.blob.area;
                firstZoom = world::cameraAt(s, t).zoom;
                // Grow/shrink change size over time: size is read at the start.
                if (f > 2 && (ch.motion == Motion::Grow || ch.motion == Motion::Shrink))
                    firstArea.reset();
            }
            if (f > 0 && cs[f - 1].blob.found && tracks[i][f - 1].visible >= 0.5 && clean &&
                !touchesBorder(cs[f - 1])) {
                ++pairs;
                const double r = c.blob.area / cs[f - 1].blob.area;
                stablePairs += (r > 0.75 && r < 1.33) ? 1 : 0;
            }
        }
        colour += (expected > 0 && found * 2 >= expected) ? 1.0 : 0.0;
        Shape voted = Shape::Circle;
        int most = -1;
        for (const auto& [sh, n] : votes)
            if (n > most) {
                most = n;
                voted = sh;
            }
        shape += (most > 0 && voted == ch.shape) ? 1.0 : 0.0;
        out.shapesRead.push_back(most > 0 ? std::optional<Shape>(voted) : std::nullopt);
        if (firstArea) {
            const double unit = unitArea(ch.shape) * firstZoom * firstZoom;
            const double small = unit * std::pow(s.baseDiameter(world::Size::Small) / 2.0, 2);
            const double large = unit * std::pow(s.baseDiameter(world::Size::Large) / 2.0, 2);
            const world::Size read =
                std::abs(std::log(*firstArea / small)) < std::abs(std::log(*firstArea / large))
                    ? world::Size::Small
                    : world::Size::Large;
            size += read == ch.size ? 1.0 : 0.0;
        }
        out.motionsRead.push_back(classifyMotion(clip, s, i));
        motion += out.motionsRead.back() == ch.motion ? 1.0 : 0.0;
        const double presence = expected > 0 ? static_cast<double>(found) / expected : 0.0;
        const double stability =
            pairs > 0 ? static_cast<double>(stablePairs) / pairs : (found > 0 ? 1.0 : 0.0);
        consistency += presence * stability;
    }
    const double n = static_cast<double>(s.characters.size());
    if (n > 0) {
        out.colour = colour / n;
        out.shape = shape / n;
        out.size = size / n;
        out.motion = motion / n;
        out.consistency = consistency / n;
    }
    if (s.pillar && s.characters.size() == 1) {
        // Seen on one side before the pillar and, unchanged, on the other side after it.
        const auto& ch = s.characters[0];
        const auto& cs = comps[ch.colour];
        const auto [p0, p1] = world::pillarSpan(s);
        const bool right = ch.motion == Motion::Right;
        std::vector<double> before, after;
        for (std::size_t f = 0; f < frames; ++f) {
            const Component& c = cs[f];
            if (!c.blob.found || nearPillar(c, s, s.timeOf(static_cast<int>(f)))) continue;
            const bool startSide = right ? c.blob.x < p0 : c.blob.x > p1;
            const bool farSide = right ? c.blob.x > p1 : c.blob.x < p0;
            if (startSide && f < frames / 2) before.push_back(c.blob.area);
            if (farSide && f >= frames / 2) after.push_back(c.blob.area);
        }
        bool ok = !before.empty() && !after.empty();
        if (ok) {
            const double r = median(after) / median(before);
            ok = r > 0.6 && r < 1.6;
        }
        out.permanence = ok ? 1.0 : 0.0;
    }
    return out;
}

std::optional<double> crossShotConsistency(const std::vector<Clip>& shots,
                                           const std::vector<world::SceneSpec>& scenes) {
    ClipAnalyser analyser;
    std::map<std::string, std::vector<std::pair<Shape, bool>>>
        seen;  // name -> (shape read, colour found)
    for (std::size_t k = 0; k < shots.size() && k < scenes.size(); ++k)
        for (const auto& ch : scenes[k].characters) {
            if (ch.name.empty()) continue;
            int votesRight = 0, votes = 0;
            bool foundAny = false;
            for (std::size_t f = 0; f < shots[k].frames.size(); f += 2) {
                const auto fit = analyser.classifyShape(shots[k].frames[f], ch.colour);
                if (!fit) continue;
                foundAny = true;
                ++votes;
                votesRight += fit->first == ch.shape ? 1 : 0;
            }
            seen[ch.name].push_back({votesRight * 2 > votes ? ch.shape : Shape::Circle,
                                     foundAny && votesRight * 2 > votes});
        }
    int total = 0, consistent = 0;
    for (const auto& [name, reads] : seen) {
        if (reads.size() < 2) continue;
        ++total;
        bool ok = true;
        for (const auto& r : reads) ok = ok && r.second;
        consistent += ok ? 1 : 0;
    }
    if (total == 0) return std::nullopt;
    return static_cast<double>(consistent) / total;
}

std::vector<uint8_t> colourBlobMask(const Image& frame, Colour colour) {
    const Component c = largestComponent(frame, colour);
    if (!c.blob.found) return {};
    std::vector<uint8_t> out(static_cast<std::size_t>(frame.width) * frame.height);
    for (int y = 0; y < frame.height; ++y)
        for (int x = 0; x < frame.width; ++x)
            out[static_cast<std::size_t>(y) * frame.width + x] = c.mask.at<uint8_t>(y, x);
    return out;
}

}  // namespace kinora::eval
