#include "timeline_view.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

#include "project_document.h"
#include "take_cache.h"

namespace kinora::ui {

namespace {
constexpr int kMargin = 8;
constexpr int kRulerHeight = 18;
constexpr int kClipHeight = 56;
constexpr double kMinZoom = 0.25, kMaxZoom = 40.0;

QString timecode(int frame, int fps) {
    fps = std::max(1, fps);
    const int s = frame / fps;
    return QStringLiteral("%1:%2:%3:%4")
        .arg(s / 3600, 2, 10, QLatin1Char('0'))
        .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'))
        .arg(frame % fps, 2, 10, QLatin1Char('0'));
}
}  // namespace

TimelineView::TimelineView(ProjectDocument* document, TakeCache* takes, QWidget* parent)
    : QWidget(parent), m_document(document), m_takes(takes) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    connect(document, &ProjectDocument::changed, this, [this] {
        setPlayheadFrame(std::min(m_playhead, std::max(0, totalFrames() - 1)));
        relayout();
        update();
    });
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const int total = totalFrames();
        if (total <= 0) return pause();
        setPlayheadFrame(((m_playhead + (m_rate > 0 ? 1 : -1)) % total + total) % total);
    });
    relayout();
}

int TimelineView::totalFrames() const {
    int total = 0;
    for (const auto& s : m_document->project().shots) total += s.duration;
    return total;
}

void TimelineView::setPlayheadFrame(int frame) {
    frame = std::clamp(frame, 0, std::max(0, totalFrames() - 1));
    if (frame == m_playhead) return;
    m_playhead = frame;
    update();
    emit playheadMoved(frame);
}

void TimelineView::setJobStates(const QHash<QString, QString>& states) {
    if (states == m_jobStates) return;
    m_jobStates = states;
    update();
}

void TimelineView::setZoom(double pixelsPerFrame) {
    pixelsPerFrame = std::clamp(pixelsPerFrame, kMinZoom, kMaxZoom);
    if (std::abs(pixelsPerFrame - m_zoom) < 1e-9) return;
    m_zoom = pixelsPerFrame;
    relayout();
    update();
    emit zoomChanged(m_zoom);
}

void TimelineView::startTimer() {
    if (totalFrames() <= 0) return;
    const bool was = m_timer.isActive();
    m_timer.start(
        std::max(1, 1000 / (std::max(1, m_document->project().canvas.fps) * std::abs(m_rate))));
    if (!was) emit playingChanged(true);
}

void TimelineView::play() {
    m_rate = 1;
    startTimer();
}

void TimelineView::playForward() {
    m_rate = isPlaying() && m_rate > 0 ? std::min(4, m_rate * 2) : 1;
    startTimer();
}

void TimelineView::playBackward() {
    m_rate = isPlaying() && m_rate < 0 ? std::max(-4, m_rate * 2) : -1;
    startTimer();
}

void TimelineView::pause() {
    if (!m_timer.isActive()) return;
    m_timer.stop();
    emit playingChanged(false);
}

void TimelineView::togglePlay() {
    isPlaying() ? pause() : play();
}

bool TimelineView::locate(int frame, int* shot, int* frameInShot) const {
    const auto& shots = m_document->project().shots;
    int start = 0;
    for (std::size_t i = 0; i < shots.size(); ++i) {
        if (frame < start + shots[i].duration) {
            *shot = static_cast<int>(i);
            *frameInShot = frame - start;
            return frame >= 0;
        }
        start += shots[i].duration;
    }
    return false;
}

QImage TimelineView::frameAtPlayhead() const {
    int shot = 0, local = 0;
    if (!locate(m_playhead, &shot, &local)) return {};
    const project::Take* take = m_document->project().shots[std::size_t(shot)].selected();
    if (!take) return {};
    const auto& frames = m_takes->frames(m_document->folder(), *take);
    if (frames.isEmpty()) return {};
    return frames[std::min<int>(local, frames.size() - 1)];
}

QRect TimelineView::shotRect(int index) const {
    const auto& shots = m_document->project().shots;
    int start = 0;
    for (int i = 0; i < index && i < static_cast<int>(shots.size()); ++i)
        start += shots[std::size_t(i)].duration;
    const int x0 = kMargin + int(std::lround(start * m_zoom));
    const int x1 =
        kMargin + int(std::lround((start + shots[std::size_t(index)].duration) * m_zoom));
    return QRect(x0, kRulerHeight + 4, std::max(1, x1 - x0 - 1), kClipHeight);
}

int TimelineView::frameAtX(int x) const {
    return int(std::floor((x - kMargin) / m_zoom));
}

QSize TimelineView::sizeHint() const {
    return {kMargin * 2 + int(std::ceil(totalFrames() * m_zoom)), kRulerHeight + kClipHeight + 12};
}

QSize TimelineView::minimumSizeHint() const {
    return {100, kRulerHeight + kClipHeight + 12};
}

void TimelineView::relayout() {
    setMinimumWidth(sizeHint().width());
    updateGeometry();
}

void TimelineView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QPalette& pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const auto& proj = m_document->project();
    const int fps = std::max(1, proj.canvas.fps);
    const int total = totalFrames();

    // Ruler: a tick every second, labelled where there is room.
    p.setPen(pal.color(QPalette::Text).darker(130));
    const int labelEvery = std::max(1, int(std::ceil(60.0 / (fps * m_zoom))));
    for (int sec = 0; sec * fps <= total; ++sec) {
        const int x = kMargin + int(std::lround(sec * fps * m_zoom));
        p.drawLine(x, kRulerHeight - 5, x, kRulerHeight);
        if (sec % labelEvery == 0)
            p.drawText(x + 2, kRulerHeight - 6, QStringLiteral("%1s").arg(sec));
    }

    for (int i = 0; i < static_cast<int>(proj.shots.size()); ++i) {
        const auto& shot = proj.shots[std::size_t(i)];
        const QRect r = shotRect(i);
        p.fillRect(r, QColor(50, 70, 110));
        const project::Take* take = shot.selected();
        if (take) {
            const auto& frames = m_takes->frames(m_document->folder(), *take);
            if (!frames.isEmpty()) {
                // Thumbnails side by side, each as wide as the clip height allows.
                const int tw =
                    std::max(8, kClipHeight * frames[0].width() / std::max(1, frames[0].height()));
                for (int x = r.left(); x < r.right(); x += tw) {
                    const int f = std::min<int>(
                        frames.size() - 1,
                        int(double(x - r.left()) / std::max(1, r.width()) * frames.size()));
                    const QRect cell(x, r.top(), std::min(tw, r.right() - x + 1), r.height());
                    p.drawImage(
                        cell, frames[f],
                        QRect(0, 0, frames[f].width() * cell.width() / tw, frames[f].height()));
                }
            }
        }
        // A job on the shot: an outline in the accent colour and its state in the clip.
        const QString job = m_jobStates.value(QString::fromStdString(shot.id));
        p.setPen(job.isEmpty() ? QPen(QColor(140, 170, 230))
                               : QPen(pal.color(QPalette::Highlight), 2));
        p.drawRect(r.adjusted(0, 0, -1, -1));
        p.setPen(Qt::white);
        p.drawText(r.adjusted(4, 2, -2, -2), Qt::AlignLeft | Qt::AlignTop,
                   take ? QString::number(i + 1) : tr("%1 (no take)").arg(i + 1));
        if (!job.isEmpty())
            p.drawText(r.adjusted(4, 2, -2, -4), Qt::AlignLeft | Qt::AlignBottom,
                       p.fontMetrics().elidedText(job, Qt::ElideRight, r.width() - 6));
    }
    // Playhead.
    const int x = kMargin + int(std::lround((m_playhead + 0.5) * m_zoom));
    p.setPen(QPen(QColor(255, 80, 80), 2));
    p.drawLine(x, 0, x, height());
    p.drawText(x + 4, height() - 4, timecode(m_playhead, fps));
}

void TimelineView::mousePressEvent(QMouseEvent* event) {
    setFocus();
    setPlayheadFrame(frameAtX(int(event->position().x())));
    for (int i = 0; i < static_cast<int>(m_document->project().shots.size()); ++i)
        if (shotRect(i).contains(event->position().toPoint())) emit shotClicked(i);
}

void TimelineView::mouseMoveEvent(QMouseEvent* event) {
    if (event->buttons() & Qt::LeftButton) setPlayheadFrame(frameAtX(int(event->position().x())));
}

void TimelineView::wheelEvent(QWheelEvent* event) {
    if (event->modifiers() & Qt::ControlModifier) {
        setZoom(m_zoom * (event->angleDelta().y() > 0 ? 1.25 : 0.8));
        event->accept();
        return;
    }
    QWidget::wheelEvent(event);
}

void TimelineView::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
        case Qt::Key_Left:
            setPlayheadFrame(m_playhead - 1);
            return;
        case Qt::Key_Right:
            setPlayheadFrame(m_playhead + 1);
            return;
        case Qt::Key_Home:
            setPlayheadFrame(0);
            return;
        case Qt::Key_End:
            setPlayheadFrame(totalFrames() - 1);
            return;
        default:
            QWidget::keyPressEvent(event);
    }
}

TimelinePanel::TimelinePanel(ProjectDocument* document, TakeCache* takes, QWidget* parent)
    : QWidget(parent), m_document(document) {
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(4, 4, 4, 4);
    auto* bar = new QHBoxLayout;
    m_play = new QToolButton;
    m_play->setText(tr("Play"));
    m_play->setToolTip(tr("Play or pause the cut (Space; J backward, K pause, L forward)"));
    m_time = new QLabel;
    m_zoom = new QSlider(Qt::Horizontal);
    m_zoom->setRange(int(kMinZoom * 4), int(kMaxZoom * 4));
    m_zoom->setToolTip(tr("Zoom (Ctrl+wheel on the timeline)"));
    m_zoom->setMaximumWidth(160);
    bar->addWidget(m_play);
    bar->addWidget(m_time, 1);
    bar->addWidget(new QLabel(tr("Zoom")));
    bar->addWidget(m_zoom);
    column->addLayout(bar);
    m_view = new TimelineView(document, takes);
    m_scroll = new QScrollArea;
    m_scroll->setWidget(m_view);
    m_scroll->setWidgetResizable(true);
    m_scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setMinimumHeight(m_view->minimumSizeHint().height() + 20);
    column->addWidget(m_scroll);
    m_zoom->setValue(int(m_view->zoom() * 4));

    connect(m_play, &QToolButton::clicked, m_view, &TimelineView::togglePlay);
    connect(m_view, &TimelineView::playingChanged, this,
            [this](bool playing) { m_play->setText(playing ? tr("Pause") : tr("Play")); });
    connect(m_zoom, &QSlider::valueChanged, this, [this](int v) { m_view->setZoom(v / 4.0); });
    connect(m_view, &TimelineView::zoomChanged, this, [this](double z) {
        const QSignalBlocker block(m_zoom);
        m_zoom->setValue(int(z * 4));
    });
    connect(m_view, &TimelineView::playheadMoved, this, [this](int frame) {
        updateTime();
        const int x = 8 + int(frame * m_view->zoom());
        m_scroll->ensureVisible(x, 10, 40, 0);
    });
    connect(document, &ProjectDocument::changed, this, &TimelinePanel::updateTime);
    updateTime();
}

void TimelinePanel::updateTime() {
    const int fps = std::max(1, m_document->project().canvas.fps);
    m_time->setText(
        tr("%1 / %2 (%3 fps)")
            .arg(timecode(m_view->playheadFrame(), fps), timecode(m_view->totalFrames(), fps))
            .arg(fps));
}

}  // namespace kinora::ui
