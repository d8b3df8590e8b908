#include "lora_text.h"

#include <QCoreApplication>
#include <QStringList>

#include "pipeline/model_info.h"

namespace kinora::ui {

QString lorasToText(const std::vector<project::LoraUse>& loras) {
    QStringList parts;
    for (const auto& l : loras) {
        QString part = QString::fromStdString(l.file);
        if (l.strength != 1.0) part += QLatin1Char(':') + QString::number(l.strength);
        if (!l.expert.empty()) part += QLatin1Char('@') + QString::fromStdString(l.expert);
        parts << part;
    }
    return parts.join(QStringLiteral("; "));
}

bool lorasFromText(const QString& text, std::vector<project::LoraUse>* out, QString* error) {
    std::vector<project::LoraUse> loras;
    for (const QString& raw : text.split(QLatin1Char(';'))) {
        const QString part = raw.trimmed();
        if (part.isEmpty()) continue;
        try {
            const LoraChoice c = parseLoraChoice(part.toStdString());
            loras.push_back({c.path, c.strength, c.expert});
        } catch (const std::exception& e) {
            if (error) *error = QString::fromStdString(e.what());
            return false;
        }
    }
    if (loras.size() > project::Limits::kMaxLoras) {
        if (error)
            *error = QCoreApplication::translate("kinora::ui::LoraText", "at most %1 LoRA files")
                         .arg(project::Limits::kMaxLoras);
        return false;
    }
    *out = std::move(loras);
    return true;
}

}  // namespace kinora::ui
