#pragma once

#include <QImage>
#include <QTimer>
#include <QVector>
#include <QWidget>

namespace kinora::ui {

/// @brief Shows the clip as it emerges (per-step previews) and plays the finished clip
/// in a loop. Pixels are scaled without smoothing so small canvases stay crisp.
/// GUI thread only.
class PreviewView : public QWidget {
    Q_OBJECT
public:
    explicit PreviewView(QWidget* parent = nullptr);

    /// @brief Live preview of a step: the middle latent frame large, all of them as a strip.
    void showStep(const QVector<QImage>& frames, const QString& caption);
    /// @brief A finished clip: plays it in a loop at `fps`.
    void showClip(const QVector<QImage>& frames, int fps);
    void setMessage(const QString& message);
    const QVector<QImage>& clipFrames() const { return m_clip; }
    /// @brief The frames of the step shown (a denoising preview or a still); empty when
    /// none.
    const QVector<QImage>& stepFrames() const { return m_strip; }
    QString caption() const { return m_caption; }
    int currentFrame() const { return m_index; }

signals:
    /// @brief A file was dropped on the preview (first frame for image-to-video).
    void fileDropped(const QString& path);

protected:
    void paintEvent(QPaintEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    QVector<QImage> m_clip;
    QVector<QImage> m_strip;  ///< a step preview's latent frames
    QImage m_still;
    QString m_caption;
    QString m_message;
    int m_index = 0;
    QTimer m_timer;
};

}  // namespace kinora::ui
