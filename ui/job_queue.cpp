#include "job_queue.h"

#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

#include "project_document.h"

namespace kinora::ui {

QString formatDuration(double seconds) {
    const qint64 s = seconds > 0 && std::isfinite(seconds) ? qint64(std::ceil(seconds)) : 0;
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(s / 3600)
            .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QueuePanel::QueuePanel(ProjectDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document) {
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(4, 4, 4, 4);
    m_list = new QListWidget;
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setMinimumHeight(40);
    column->addWidget(m_list, 1);
    auto* buttons = new QHBoxLayout;
    m_cancel = new QPushButton(tr("Cancel job"));
    m_clear = new QPushButton(tr("Clear finished"));
    for (QPushButton* b : {m_cancel, m_clear}) b->setFocusPolicy(Qt::NoFocus);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_clear);
    buttons->addStretch(1);
    column->addLayout(buttons);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        const int row = m_list->currentRow();
        if (row >= 0 && row < m_entries.size()) emit cancelRequested(keyAt(row));
    });
    connect(m_clear, &QPushButton::clicked, this, &QueuePanel::clearRequested);
    connect(m_list, &QListWidget::currentRowChanged, this, &QueuePanel::redraw);
    // Shot numbers change with a reorder.
    connect(document, &ProjectDocument::changed, this, &QueuePanel::redraw);
    redraw();
}

void QueuePanel::setEntries(const QVector<QueueEntry>& entries) {
    m_entries = entries;
    redraw();
}

QString QueuePanel::stateText(const QueueEntry& e) {
    switch (e.state) {
        case QueueEntry::State::Queued:
            return tr("queued");
        case QueueEntry::State::Running: {
            if (e.totalSteps <= 0) return tr("starting");
            QString text = tr("step %1 / %2").arg(e.step).arg(e.totalSteps);
            if (e.windows > 1) text += tr(", window %1 of %2").arg(e.window).arg(e.windows);
            if (e.secondsLeft >= 0) text += tr(", %1 left").arg(formatDuration(e.secondsLeft));
            return text;
        }
        case QueueEntry::State::Done:
            return tr("done in %1").arg(formatDuration(e.seconds));
        case QueueEntry::State::Failed:
            return tr("failed");
        case QueueEntry::State::Cancelled:
            return tr("cancelled");
    }
    return {};
}

QString QueuePanel::lineText(int row) const {
    if (row < 0 || row >= m_entries.size()) return {};
    const QueueEntry& e = m_entries[row];
    const int index = m_document->project().shotIndex(e.shotId.toStdString());
    const QString shot = index >= 0 ? tr("Shot %1").arg(index + 1) : tr("A deleted shot");
    QString text = tr("%1 - %2").arg(shot, stateText(e));
    if (!e.detail.isEmpty()) text += QStringLiteral(": ") + e.detail;
    return text;
}

int QueuePanel::lineCount() const {
    return static_cast<int>(m_entries.size());
}

quint64 QueuePanel::keyAt(int row) const {
    return row >= 0 && row < m_entries.size() ? m_entries[row].key : 0;
}

void QueuePanel::redraw() {
    const QSignalBlocker block(m_list);
    const int current = m_list->currentRow();
    while (m_list->count() > m_entries.size()) delete m_list->takeItem(m_list->count() - 1);
    while (m_list->count() < m_entries.size()) m_list->addItem(QString());
    bool anyEnded = false;
    for (int i = 0; i < m_entries.size(); ++i) {
        QListWidgetItem* item = m_list->item(i);
        item->setText(lineText(i));
        item->setToolTip(m_entries[i].detail);
        QFont f = item->font();
        f.setBold(m_entries[i].state == QueueEntry::State::Running);
        item->setFont(f);
        anyEnded = anyEnded || m_entries[i].ended();
    }
    if (current >= 0 && current < m_list->count()) m_list->setCurrentRow(current);
    const int row = m_list->currentRow();
    m_cancel->setEnabled(row >= 0 && row < m_entries.size() && !m_entries[row].ended());
    m_clear->setEnabled(anyEnded);
}

}  // namespace kinora::ui
