#include "world/renderer.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace kinora::world {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kSuper = 4;  // supersamples per axis

uint64_t mix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

uint64_t cellHash(int64_t x, int64_t y, uint64_t seed, uint64_t salt) {
    return mix(static_cast<uint64_t>(x) * 0x9E3779B97F4A7C15ull ^
               mix(static_cast<uint64_t>(y) + salt) ^ seed);
}

Rgb shade(Rgb c, int delta) {
    auto clamp = [](int v) { return static_cast<uint8_t>(std::clamp(v, 0, 255)); };
    return {clamp(c.r + delta), clamp(c.g + delta), clamp(c.b + delta)};
}

const std::array<std::pair<double, double>, 10>& starPolygon() {
    static const std::array<std::pair<double, double>, 10> poly = [] {
        std::array<std::pair<double, double>, 10> p{};
        for (int i = 0; i < 10; ++i) {
            const double r = (i % 2 == 0) ? 1.0 : 0.45;
            const double a = -kPi / 2.0 + i * kPi / 5.0;
            p[static_cast<std::size_t>(i)] = {r * std::cos(a), r * std::sin(a)};
        }
        return p;
    }();
    return poly;
}

}  // namespace

bool insideShape(Shape shape, double x, double y, double radius) {
    const double r2 = x * x + y * y;
    switch (shape) {
        case Shape::Circle:
            return r2 <= radius * radius;
        case Shape::Ring:
            return r2 <= radius * radius && r2 >= 0.25 * radius * radius;
        case Shape::Square: {
            const double s = 0.85 * radius;
            return std::abs(x) <= s && std::abs(y) <= s;
        }
        case Shape::Cross: {
            const double arm = radius / 3.0;
            return (std::abs(x) <= arm && std::abs(y) <= radius) ||
                   (std::abs(y) <= arm && std::abs(x) <= radius);
        }
        case Shape::Triangle: {
            // Equilateral, pointing up, circumradius 1.1 R (its centroid at the centre).
            const double R = 1.1 * radius;
            const double h = 1.5 * R;  // height
            const double top = -R, base = R / 2.0;
            if (y < top || y > base) return false;
            const double halfWidth = (y - top) / h * (R * std::sqrt(3.0) / 2.0);
            return std::abs(x) <= halfWidth;
        }
        case Shape::Star: {
            const auto& poly = starPolygon();
            const double px = x / radius, py = y / radius;
            bool in = false;
            for (std::size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
                const auto [xi, yi] = poly[i];
                const auto [xj, yj] = poly[j];
                if ((yi > py) != (yj > py) && px < (xj - xi) * (py - yi) / (yj - yi) + xi) in = !in;
            }
            return in;
        }
    }
    return false;
}

Rgb backgroundAt(const SceneSpec& scene, double x, double y) {
    const int64_t ix = static_cast<int64_t>(std::floor(x));
    const int64_t iy = static_cast<int64_t>(std::floor(y));
    const uint64_t seed = scene.seed;
    switch (scene.background) {
        case Background::Night: {
            // ~12 stars per 64x64 view: one candidate in each 8x8 cell, about 19% lit. A star
            // is 2x2 pixels, so it survives the autoencoder's 4x4 cells and a pan shows in
            // it; it sits at most at offset 5 of its cell, so two stars never touch (a blob
            // of 8 star pixels would read as a white character).
            const int64_t cx = static_cast<int64_t>(std::floor(x / 8.0)),
                          cy = static_cast<int64_t>(std::floor(y / 8.0));
            const uint64_t h = cellHash(cx, cy, seed, 1);
            const int64_t sx = cx * 8 + static_cast<int64_t>((h >> 12) % 6),
                          sy = cy * 8 + static_cast<int64_t>((h >> 20) % 6);
            if (h % 1000 < 190 && ix >= sx && ix <= sx + 1 && iy >= sy && iy <= sy + 1)
                return {230, 230, 230};
            return {20, 20, 40};
        }
        case Background::Meadow: {
            if (y < 0.7 * scene.height) return {135, 200, 235};
            // Grass blades: columns a little lighter or darker, zero mean.
            const int delta = static_cast<int>(cellHash(ix, 0, seed, 2) % 3) * 10 - 10;
            return shade({70, 150, 60}, delta);
        }
        case Background::Beach: {
            if (y < 0.6 * scene.height) return {135, 200, 235};
            // Pebbles: 4x4 dots on a 6-pixel grid, a few darker and as many lighter (zero
            // mean), coarse enough for the autoencoder's 4x4 cells to carry them.
            const int64_t cx = static_cast<int64_t>(std::floor(x / 6.0)),
                          cy = static_cast<int64_t>(std::floor(y / 6.0));
            if (ix - cx * 6 >= 4 || iy - cy * 6 >= 4) return {230, 210, 150};
            const uint64_t h = cellHash(cx, cy, seed, 3) % 100;
            return shade({230, 210, 150}, h < 9 ? -36 : (h < 18 ? 36 : 0));
        }
        case Background::Room: {
            if (y < 0.7 * scene.height) return {200, 190, 170};
            // Floor boards: a darker seam every 6 rows and staggered joints, balanced by
            // slightly lighter board faces.
            const int64_t row = static_cast<int64_t>(std::floor(y - 0.7 * scene.height));
            const int64_t board = row / 6;
            const bool seam = row % 6 == 5;
            // Each board has its own plank length, so the joints never repeat as a
            // regular grid that a pan could alias against.
            static const int64_t kLengths[] = {17, 19, 23, 29, 31};
            const uint64_t bh = cellHash(board, 0, seed, 5);
            const int64_t length = kLengths[bh % 5];
            const int64_t offset = static_cast<int64_t>((bh >> 8) % 64);
            // Joints three pixels wide, so a pan shows in them after the autoencoder.
            const bool joint = ((ix + offset) % length + length) % length <= 2;
            return shade({140, 100, 60}, (seam || joint) ? -30 : 6);
        }
        case Background::Gray: {
            // Faint blotches (4x4 on a 6-pixel grid, zero mean) so camera moves show on the
            // plain background and survive the autoencoder's 4x4 cells.
            const int64_t cx = static_cast<int64_t>(std::floor(x / 6.0)),
                          cy = static_cast<int64_t>(std::floor(y / 6.0));
            if (ix - cx * 6 >= 4 || iy - cy * 6 >= 4) return {110, 110, 110};
            const uint64_t h = cellHash(cx, cy, seed, 4) % 100;
            return shade({110, 110, 110}, h < 15 ? -16 : (h < 30 ? 16 : 0));
        }
    }
    return {0, 0, 0};
}

Image renderFrame(const SceneSpec& scene, int frame) {
    const double t = scene.timeOf(frame);
    const CameraView view = cameraAt(scene, t);
    Image img(scene.width, scene.height);
    for (int sy = 0; sy < scene.height; ++sy)
        for (int sx = 0; sx < scene.width; ++sx) {
            const Rgb c = backgroundAt(scene, view.toWorldX(sx + 0.5), view.toWorldY(sy + 0.5));
            uint8_t* p = img.pixel(sx, sy);
            p[0] = c.r;
            p[1] = c.g;
            p[2] = c.b;
        }
    auto blend = [&](int sx, int sy, Rgb c, double coverage) {
        if (coverage <= 0.0) return;
        uint8_t* p = img.pixel(sx, sy);
        const uint8_t src[3] = {c.r, c.g, c.b};
        for (int k = 0; k < 3; ++k)
            p[k] = static_cast<uint8_t>(std::lround(p[k] * (1.0 - coverage) + src[k] * coverage));
    };
    const auto tracks = computeTracks(scene);
    for (std::size_t i = 0; i < scene.characters.size(); ++i) {
        const CharacterSpec& ch = scene.characters[i];
        const CharacterState& s = tracks[i][static_cast<std::size_t>(frame)];
        const double radius = s.screenDiameter / 2.0;
        const double reach = radius * 1.2 + 1.0;
        const int x0 = std::max(0, static_cast<int>(std::floor(s.screenX - reach)));
        const int x1 = std::min(scene.width - 1, static_cast<int>(std::ceil(s.screenX + reach)));
        const int y0 = std::max(0, static_cast<int>(std::floor(s.screenY - reach)));
        const int y1 = std::min(scene.height - 1, static_cast<int>(std::ceil(s.screenY + reach)));
        const double ca = std::cos(-s.angle), sa = std::sin(-s.angle);
        for (int sy = y0; sy <= y1; ++sy)
            for (int sx = x0; sx <= x1; ++sx) {
                int inside = 0;
                for (int a = 0; a < kSuper; ++a)
                    for (int b = 0; b < kSuper; ++b) {
                        const double dx = sx + (b + 0.5) / kSuper - s.screenX;
                        const double dy = sy + (a + 0.5) / kSuper - s.screenY;
                        inside +=
                            insideShape(ch.shape, dx * ca - dy * sa, dx * sa + dy * ca, radius) ? 1
                                                                                                : 0;
                    }
                blend(sx, sy, rgb(ch.colour), static_cast<double>(inside) / (kSuper * kSuper));
            }
    }
    if (scene.pillar) {
        const auto [p0, p1] = pillarSpan(scene);
        for (int sx = 0; sx < scene.width; ++sx) {
            int inside = 0;
            for (int b = 0; b < kSuper; ++b) {
                const double wx = view.toWorldX(sx + (b + 0.5) / kSuper);
                inside += (wx >= p0 && wx <= p1) ? 1 : 0;
            }
            if (inside == 0) continue;
            for (int sy = 0; sy < scene.height; ++sy)
                blend(sx, sy, {60, 60, 60}, inside / static_cast<double>(kSuper));
        }
    }
    return img;
}

Clip renderScene(const SceneSpec& scene) {
    Clip clip;
    clip.fps = scene.fps;
    for (int f = 0; f < scene.frames; ++f) clip.frames.push_back(renderFrame(scene, f));
    return clip;
}

}  // namespace kinora::world
