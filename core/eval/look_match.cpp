#include "eval/look_match.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "eval/analyser.h"
#include "util/error.h"

namespace kinora::eval {

namespace {

constexpr int kCanvas = 64;         // side of the normalised outline
constexpr double kArea = 450.0;     // its area in pixels (radius about 12)
constexpr double kTurnStep = 10.0;  // degrees between the turns tried

// A character blob ready to be normalised: its soft mask, centroid and area.
struct Silhouette {
    cv::Mat mask;  // CV_32F, 0..1
    cv::Point2f centre;
    double area = 0.0;
};

std::optional<Silhouette> silhouetteOf(const Image& frame, world::Colour colour) {
    const std::vector<uint8_t> bytes = colourBlobMask(frame, colour);
    if (bytes.empty()) return std::nullopt;
    const cv::Mat mask(frame.height, frame.width, CV_8U, const_cast<uint8_t*>(bytes.data()));
    const cv::Moments mo = cv::moments(mask, true);
    if (mo.m00 <= 0.0) return std::nullopt;
    Silhouette b;
    mask.convertTo(b.mask, CV_32F, 1.0 / 255.0);
    b.centre = {static_cast<float>(mo.m10 / mo.m00), static_cast<float>(mo.m01 / mo.m00)};
    b.area = mo.m00;
    return b;
}

// The blob centred on a kCanvas square, scaled to kArea and turned by `degrees` about its
// centroid.
cv::Mat normalisedOutline(const Silhouette& b, double degrees) {
    cv::Mat warp = cv::getRotationMatrix2D(b.centre, degrees, std::sqrt(kArea / b.area));
    warp.at<double>(0, 2) += kCanvas / 2.0 - b.centre.x;
    warp.at<double>(1, 2) += kCanvas / 2.0 - b.centre.y;
    cv::Mat out;
    cv::warpAffine(b.mask, out, warp, cv::Size(kCanvas, kCanvas), cv::INTER_LINEAR,
                   cv::BORDER_CONSTANT, cv::Scalar(0));
    return out;
}

}  // namespace

struct LookMatcher::Outline {
    cv::Mat mask;  // the reference's normalised outline
};

LookMatcher::LookMatcher(const Image& reference) {
    std::optional<Silhouette> largest;
    for (world::Colour c : world::kColours) {
        auto blob = silhouetteOf(reference, c);
        if (blob && (!largest || blob->area > largest->area)) {
            largest = std::move(blob);
            m_colour = c;
        }
    }
    if (!largest) throw Error("the reference image shows no character in a world colour");
    auto outline = std::make_shared<Outline>();
    outline->mask = normalisedOutline(*largest, 0.0);
    m_outline = std::move(outline);
}

double LookMatcher::frameDistance(const Image& frame) const {
    const auto blob = silhouetteOf(frame, m_colour);
    if (!blob) return kMissing;
    // 1 - the best overlap (intersection over union of the soft masks) over turns.
    double best = 0.0;
    for (double deg = 0.0; deg < 360.0; deg += kTurnStep) {
        const cv::Mat m = normalisedOutline(*blob, deg);
        const double both = cv::sum(cv::min(m, m_outline->mask))[0];
        const double either = cv::sum(cv::max(m, m_outline->mask))[0];
        if (either > 0.0) best = std::max(best, both / either);
    }
    return std::min(kMissing, 1.0 - best);
}

double LookMatcher::distance(const std::vector<Image>& frames) const {
    if (frames.empty()) throw Error("no frames to match against the reference");
    double sum = 0.0;
    for (const Image& f : frames) sum += frameDistance(f);
    return sum / static_cast<double>(frames.size());
}

std::function<double(const std::vector<Image>&)> lookJudge(const Image& reference) {
    const LookMatcher matcher(reference);
    return [matcher](const std::vector<Image>& frames) { return matcher.distance(frames); };
}

void matchLook(LongClipOptions& options, const Image& reference, int candidates) {
    options.judge = lookJudge(reference);
    options.candidates = candidates;
}

}  // namespace kinora::eval
