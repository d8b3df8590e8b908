#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/kinora/model_config.h"

namespace kinora {

/// @brief The JSON manifest (`model.json`) beside a model's weights.
///
/// Holds the architecture hyperparameters, the per-channel latent statistics used to
/// normalise autoencoder latents for the denoiser, and free-form training provenance.
struct ModelManifest {
    static constexpr int kFormatVersion = 1;
    static constexpr const char* kFileName = "model.json";
    /// A manifest is a few kilobytes; anything past this is refused before it is read.
    static constexpr std::size_t kMaxBytes = 16u << 20;

    ModelConfig config;
    std::vector<double> latentMean;  ///< one per latent channel
    std::vector<double> latentStd;   ///< one per latent channel, > 0
    std::string weightsFile = "model.safetensors";
    nlohmann::json training = nlohmann::json::object();  ///< provenance: data, steps, device

    nlohmann::json toJson() const;
    /// @brief Parses and validates; errors name `source` and the field.
    static ModelManifest fromJson(const nlohmann::json& j, const std::string& source);
    /// @brief Reads `dir/model.json`. Throws Error.
    static ModelManifest load(const std::string& dir);
    /// @brief Writes `dir/model.json` atomically.
    void save(const std::string& dir) const;

private:
    static ModelManifest parseManifest(const nlohmann::json& j, const std::string& source);
};

}  // namespace kinora
