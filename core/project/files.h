#pragma once

#include <string>
#include <vector>

#include "project/operations.h"
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

/// @brief The media folder a project saved as `projectFile` keeps its takes in: the file's
/// name without `.kinora`, plus `.media` ("film.kinora" keeps "film.media"), so two
/// projects in one folder never share one.
std::string mediaFolderFor(const std::string& projectFile);

/// @brief `rel` moved from media folder `from` to `to` when it lies in `from` (a take's
/// file or frames); anything else (inputs, references) unchanged.
std::string rehomedPath(const std::string& rel, const std::string& from, const std::string& to);

/// @brief The project with its media folder renamed to `to`: settings.media_folder and
/// every take path in the old one. Paths outside it stay.
void rehomeMedia(Project& project, const std::string& to);
/// @brief The same renaming inside an edit (the takes of the shots it carries, the
/// settings it sets), so an undo history stays true after the media move.
void rehomeMedia(Operation& op, const std::string& from, const std::string& to);

/// @brief "Save As" of a project whose media folder changes: copies every file `from`
/// refers to under `fromDir` to where `to` (the same project, rehomed) refers to it under
/// `toDir`. Same rules as copyProjectFiles: a file already there with the same size is
/// taken as the same, a different one is never overwritten (refused before anything is
/// written). Returns the number of files copied.
int copyProjectFiles(const Project& from, const std::string& fromDir, const Project& to,
                     const std::string& toDir);

}  // namespace kinora::project
