#pragma once

#include <string>
#include <vector>

#include "project/project.h"

namespace kinora::project {

/// @brief Every file the project refers to that exists under `projectDir`, as paths
/// relative to it: input images, character references, and each take's playable file and
/// lossless frames (a frame pattern is expanded to the files of its folder that match it).
/// Sorted, without repeats. Missing files are left out.
std::vector<std::string> referencedFiles(const Project& project, const std::string& projectDir);

/// @brief Copies the project's referenced files from `fromDir` to `toDir` (same relative
/// paths, folders created): what "Save As" into another folder needs so the project keeps
/// its media. A file already at the target with the same size is taken as the same file
/// and left alone; one of a different size is never overwritten: the copy is refused
/// before anything is written, with an Error naming it. Returns the number of files copied.
int copyProjectFiles(const Project& project, const std::string& fromDir, const std::string& toDir);

}  // namespace kinora::project
