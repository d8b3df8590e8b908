#include "preview_view.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QPainter>

namespace kinora::ui {

PreviewView::PreviewView(QWidget* parent) : QWidget(parent) {
    setMinimumSize(192, 108);  // small screens: 1280x720 still shows the storyboard
    setAcceptDrops(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_clip.isEmpty()) return;
        m_index = (m_index + 1) % m_clip.size();
        update();
    });
}

void PreviewView::showStep(const QVector<QImage>& frames, const QString& caption) {
    m_timer.stop();
    m_clip.clear();
    m_strip = frames;
    m_still = frames.isEmpty() ? QImage() : frames[frames.size() / 2];
    m_caption = caption;
    m_message.clear();
    update();
}

void PreviewView::showClip(const QVector<QImage>& frames, int fps) {
    m_clip = frames;
    m_strip.clear();
    m_still = QImage();
    m_caption.clear();
    m_message.clear();
    m_index = 0;
    m_timer.start(1000 / qMax(1, fps));
    update();
}

void PreviewView::setMessage(const QString& message) {
    m_message = message;
    update();
}

void PreviewView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    const QImage& img = !m_clip.isEmpty() ? m_clip[m_index] : m_still;
    // Every latent frame of a step preview as a strip along the bottom: the whole clip
    // emerging, not only its middle.
    const int stripHeight = m_strip.size() > 1 ? std::min(48, height() / 6) : 0;
    if (stripHeight > 0) {
        const int w = stripHeight * m_strip[0].width() / std::max(1, m_strip[0].height());
        const int total = int(m_strip.size()) * (w + 4) - 4;
        int x = std::max(8, (width() - total) / 2);
        p.setRenderHint(QPainter::SmoothPixmapTransform, false);
        for (const QImage& f : m_strip) {
            p.drawImage(QRect(x, height() - 30 - stripHeight, w, stripHeight), f);
            x += w + 4;
        }
    }
    if (!img.isNull()) {
        QSize target = img.size().scaled(
            size() - QSize(16, 40 + stripHeight + (stripHeight ? 8 : 0)), Qt::KeepAspectRatio);
        QRect r(QPoint(0, 0), target);
        r.moveCenter(rect().adjusted(0, 0, 0, -(stripHeight ? stripHeight + 8 : 0)).center());
        p.setRenderHint(QPainter::SmoothPixmapTransform, false);
        p.drawImage(r, img);
    }
    p.setPen(palette().color(QPalette::Text));
    QString text = m_message;
    if (text.isEmpty() && !m_clip.isEmpty())
        text = tr("frame %1 / %2").arg(m_index + 1).arg(m_clip.size());
    if (text.isEmpty()) text = m_caption;
    if (text.isEmpty() && img.isNull())
        text =
            tr("Select a shot and press Generate, or drop an image here to start a shot from it.");
    p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignBottom | Qt::AlignHCenter | Qt::TextWordWrap,
               text);
}

void PreviewView::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void PreviewView::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (!urls.isEmpty()) emit fileDropped(urls.first().toLocalFile());
    event->acceptProposedAction();
}

}  // namespace kinora::ui
