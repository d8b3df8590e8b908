#pragma once

#include <QString>

#include <vector>

#include "project/project.h"

namespace kinora::ui {

/// @brief LoRA files as one line of text: "FILE[:STRENGTH][@high|@low]; ..." (a strength of
/// 1 is left out; @high / @low: one expert of a Wan 2.2 A14B model), how the project settings and
/// the shot inspector show and edit them.
QString lorasToText(const std::vector<project::LoraUse>& loras);

/// @brief Reads such a line (empty: none). Returns false with `error` set, leaving `out`
/// alone, when an entry is malformed or there are more than project::Limits::kMaxLoras.
bool lorasFromText(const QString& text, std::vector<project::LoraUse>* out, QString* error);

}  // namespace kinora::ui
