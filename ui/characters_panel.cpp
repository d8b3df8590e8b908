#include "characters_panel.h"

#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include "image_convert.h"
#include "project/render.h"
#include "project_document.h"

namespace kinora::ui {

QImage CharactersPanel::swatchFor(const project::Character& c, QString* error) {
    // The document changes at every keystroke anywhere: draw each look once.
    const QString key =
        m_document->folder() + QLatin1Char('|') +
        QString::fromStdString(c.appearance + "|" +
                               (c.referenceImages.empty() ? "" : c.referenceImages.front()) + "|" +
                               std::to_string(c.seed));
    if (const auto it = m_swatches.constFind(key); it != m_swatches.constEnd()) return *it;
    QImage image;
    try {
        project::Canvas square = m_document->project().canvas;
        square.width = square.height = 64;
        image =
            toQImage(project::characterReference(c, square, m_document->folder().toStdString()));
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return {};  // not cached: the reference file may appear later
    }
    if (m_swatches.size() > 500) m_swatches.clear();
    m_swatches.insert(key, image);
    return image;
}

CharactersPanel::CharactersPanel(ProjectDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document) {
    auto* column = new QVBoxLayout(this);
    m_list = new QListWidget;
    m_list->setIconSize(QSize(32, 32));
    column->addWidget(m_list, 1);
    auto* buttons = new QHBoxLayout;
    auto* add = new QPushButton(tr("Add character"));
    m_remove = new QPushButton(tr("Delete"));
    buttons->addWidget(add);
    buttons->addWidget(m_remove);
    column->addLayout(buttons);

    auto* form = new QFormLayout;
    column->addLayout(form);
    m_name = new QLineEdit;
    m_name->setPlaceholderText(QStringLiteral("Pip"));  // a name, not a word
    form->addRow(tr("Name"), m_name);
    m_appearance = new QLineEdit;
    // World words: the model reads English whatever the interface language.
    m_appearance->setPlaceholderText(QStringLiteral("a small yellow star"));
    m_appearance->setToolTip(
        tr("In the model's words: a size (small, big), a colour (red, orange, yellow, green, "
           "blue, purple, pink, white) and a shape (ball, square, triangle, star, ring, cross)."));
    form->addRow(tr("Appearance"), m_appearance);
    auto* refRow = new QHBoxLayout;
    m_reference = new QLabel;
    m_reference->setMinimumWidth(40);
    m_reference->setSizePolicy(QSizePolicy::Ignored,
                               QSizePolicy::Preferred);  // long paths: tooltip
    auto* chooseRef = new QPushButton(tr("Choose..."));
    auto* clearRef = new QToolButton;
    clearRef->setText(tr("Clear"));
    refRow->addWidget(m_reference, 1);
    refRow->addWidget(chooseRef);
    refRow->addWidget(clearRef);
    form->addRow(tr("Reference"), refRow);
    m_reference->setToolTip(
        tr("Without a reference image the model is shown the character "
           "drawn from its appearance words."));
    m_seed = new QSpinBox;
    m_seed->setRange(0, 2147483647);
    form->addRow(tr("Seed"), m_seed);
    m_swatch = new QLabel;
    m_swatch->setFixedSize(128, 128);
    m_swatch->setAlignment(Qt::AlignCenter);
    m_swatch->setToolTip(tr("How the model is shown this character"));
    form->addRow(tr("Look"), m_swatch);
    m_message = new QLabel;
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #ff6e64"));
    column->addWidget(m_message);

    connect(add, &QPushButton::clicked, this, &CharactersPanel::addCharacter);
    connect(m_remove, &QPushButton::clicked, this, &CharactersPanel::removeSelected);
    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        if (!m_refreshing) refreshEditor();
    });
    connect(m_name, &QLineEdit::editingFinished, this, [this] {
        const int i = selectedIndex();
        if (i < 0 || m_refreshing) return;
        const std::string name = m_name->text().trimmed().toStdString();
        if (name == m_document->project().characters[std::size_t(i)].name) return;
        QString error;
        if (!m_document->apply(project::RenameCharacter{i, name, {}}, {}, &error)) {
            m_message->setText(error);
            refreshEditor();
        }
    });
    connect(m_appearance, &QLineEdit::textEdited, this, [this](const QString& text) {
        if (text.trimmed().isEmpty()) return;  // keep the last valid look while typing
        editCharacter(QStringLiteral("appearance"),
                      [&](project::Character& c) { c.appearance = text.trimmed().toStdString(); });
    });
    connect(m_seed, qOverload<int>(&QSpinBox::valueChanged), this, [this](int seed) {
        editCharacter(QStringLiteral("seed"),
                      [&](project::Character& c) { c.seed = static_cast<uint64_t>(seed); });
    });
    connect(chooseRef, &QPushButton::clicked, this, [this] {
        const int i = selectedIndex();
        if (i < 0) return;
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Reference image"), {},
            tr("Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)"));
        if (!path.isEmpty())
            emit referenceChosen(
                QString::fromStdString(m_document->project().characters[std::size_t(i)].id), path);
    });
    connect(clearRef, &QToolButton::clicked, this, [this] {
        editCharacter({}, [](project::Character& c) { c.referenceImages.clear(); });
    });
    connect(document, &ProjectDocument::changed, this, &CharactersPanel::refreshList);
    refreshList();
}

int CharactersPanel::selectedIndex() const {
    const int row = m_list->currentRow();
    return row >= 0 && row < static_cast<int>(m_document->project().characters.size()) ? row : -1;
}

void CharactersPanel::selectIndex(int index) {
    m_list->setCurrentRow(index);
}

void CharactersPanel::addCharacter() {
    const auto& p = m_document->project();
    project::Character c;
    const char* names[] = {"Pip", "Bo", "Mo", "Kit", "Zed", "Lu", "Tam", "Rue"};
    for (int n = 0; c.name.empty(); ++n) {
        std::string candidate = names[n % 8];
        if (n >= 8) candidate += std::to_string(n / 8 + 1);
        if (!p.findCharacter(candidate)) c.name = candidate;
    }
    c.appearance = "a small yellow star";
    c.seed = static_cast<uint64_t>(p.characters.size() + 1);
    const int index = static_cast<int>(p.characters.size());
    QString error;
    if (m_document->apply(project::AddCharacter{index, c}, {}, &error))
        selectIndex(index);
    else
        m_message->setText(error);
}

void CharactersPanel::removeSelected() {
    const int i = selectedIndex();
    if (i < 0) return;
    QString error;
    if (!m_document->apply(project::RemoveCharacter{i}, {}, &error)) m_message->setText(error);
}

template <typename Edit>
void CharactersPanel::editCharacter(const QString& key, Edit edit) {
    const int i = selectedIndex();
    if (i < 0 || m_refreshing) return;
    project::EditCharacter op{i, m_document->project().characters[std::size_t(i)]};
    edit(op.character);
    QString error;
    if (m_document->apply(
            op, key.isEmpty() ? QString() : key + QString::fromStdString(op.character.id), &error))
        m_message->clear();
    else
        m_message->setText(error);
}

void CharactersPanel::refreshList() {
    m_refreshing = true;
    const auto& p = m_document->project();
    const int keep = m_list->currentRow();
    m_list->clear();
    for (const auto& c : p.characters) {
        QString error;
        const QImage swatch = swatchFor(c, &error);
        auto* item = new QListWidgetItem(
            QIcon(QPixmap::fromImage(swatch.isNull() ? QImage(32, 32, QImage::Format_RGB888)
                                                     : swatch.scaled(32, 32))),
            QStringLiteral("@%1  %2").arg(QString::fromStdString(c.name),
                                          QString::fromStdString(c.appearance)));
        m_list->addItem(item);
    }
    const int n = static_cast<int>(p.characters.size());
    m_list->setCurrentRow(n == 0 ? -1 : std::clamp(keep < 0 ? 0 : keep, 0, n - 1));
    m_refreshing = false;
    refreshEditor();
}

void CharactersPanel::refreshEditor() {
    m_refreshing = true;
    const int i = selectedIndex();
    for (QWidget* w : {static_cast<QWidget*>(m_name), static_cast<QWidget*>(m_appearance),
                       static_cast<QWidget*>(m_seed), static_cast<QWidget*>(m_remove)})
        w->setEnabled(i >= 0);
    if (i < 0) {
        m_name->clear();
        m_appearance->clear();
        m_reference->clear();
        m_swatch->clear();
        m_swatchImage = {};
        m_seed->clear();  // nothing of the last character stays on show
        m_message->clear();
        m_refreshing = false;
        return;
    }
    const auto& p = m_document->project();
    const auto& c = p.characters[std::size_t(i)];
    if (!m_name->hasFocus()) m_name->setText(QString::fromStdString(c.name));
    if (!m_appearance->hasFocus()) m_appearance->setText(QString::fromStdString(c.appearance));
    QStringList refs;
    for (const auto& r : c.referenceImages) refs << QString::fromStdString(r);
    m_reference->setText(refs.isEmpty() ? tr("none") : refs.join(QStringLiteral(", ")));
    m_seed->setValue(int(c.seed % 2147483648ull));
    QString error;
    m_swatchImage = swatchFor(c, &error);
    if (m_swatchImage.isNull()) {
        m_swatch->setText(tr("cannot draw"));
        m_message->setText(error);
    } else {
        m_swatch->setPixmap(QPixmap::fromImage(m_swatchImage.scaled(128, 128)));
        m_message->clear();
    }
    m_refreshing = false;
}

}  // namespace kinora::ui
