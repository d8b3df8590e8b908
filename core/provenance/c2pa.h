#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kinora::c2pa {

/// @brief Where signing credentials come from. With `certPath` and `keyPath` the user's
/// own (a PEM chain, signing certificate first, and its EC P-256 or P-384 private key);
/// otherwise a local test CA and signing certificate kept in `directory`, created on
/// first use (default: $KINORA_C2PA_DIR, else $XDG_DATA_HOME/kinora/c2pa, else
/// ~/.local/share/kinora/c2pa). $KINORA_C2PA_CERT and $KINORA_C2PA_KEY name the user's.
struct SignerSettings {
    std::string certPath, keyPath;
    std::string directory;
    static SignerSettings fromEnvironment();
};

/// @brief Loaded signing credentials.
struct Credentials {
    std::vector<std::string> chainDer;  ///< DER certificates, the signing one first
    std::string keyPem;
    std::string subject, issuer;  ///< of the signing certificate, one-line form
    std::string caPath;           ///< the local test CA's certificate (PEM), when it is ours
};

/// @brief Loads the user's credentials, or the local test ones (creating the CA and the
/// signing certificate the first time, keys readable by the owner only). Throws Error
/// with a clear message (a missing file, a key that does not match the certificate, a
/// key type other than EC P-256/P-384, a certificate unfit for C2PA signing).
Credentials loadCredentials(const SignerSettings& settings);

/// @brief The default signer of this process: SignerSettings::fromEnvironment() unless
/// setDefaultSigner() chose other ones. Loaded once (a copy is returned), thread-safe.
Credentials defaultCredentials();
void setDefaultSigner(const SignerSettings& settings);

/// @brief What the manifest says about a clip.
struct ManifestInfo {
    std::string title;                        ///< dc:title, usually the file name
    std::vector<std::uint32_t> watermarkIds;  ///< ids of Kinora's invisible watermark in its frames
    std::string generatorName = "Kinora Studio";
    std::string generatorVersion;  ///< default: this build's version
    std::string model;             ///< the model that made it (a c2pa.created parameter)
    double durationSeconds = 0.0;  ///< the clip's length: the soft binding's timespan
};

/// @brief Writes `out`: the MP4/MOV `in` with a C2PA manifest store embedded as a
/// top-level uuid box after ftyp (JUMBF; claim v2; c2pa.actions.v2 with c2pa.created,
/// digitalSourceType trainedAlgorithmicMedia, and c2pa.watermarked with a c2pa.soft-binding
/// assertion naming the watermark ids when it has any; a c2pa.hash.bmff.v2 hard binding; COSE_Sign1
/// ES256/ES384 with the X.509 chain in the protected header). Chunk offsets are moved with the
/// media. Throws Error.
void signBmffFile(const std::string& in, const std::string& out, const ManifestInfo& info,
                  const Credentials& credentials);

/// @brief What `verifyFile` found.
struct VerifyReport {
    enum class State { Unreadable, NoManifest, Invalid, Valid };
    State state = State::Unreadable;
    bool trusted = false;               ///< the chain leads to a trust anchor
    std::vector<std::string> failures;  ///< "code: explanation", C2PA status codes where one fits
    std::vector<std::string> notes;     ///< informational
    std::string manifestLabel, title, claimGenerator, signer, issuer, signatureAlg;
    std::vector<std::string> actions;  ///< "c2pa.created (trainedAlgorithmicMedia)", ...
    std::vector<std::uint32_t> watermarkIds;
    std::string hardBinding;  ///< the hard-binding assertion's label
};

/// @brief Reads and validates the active manifest of an MP4/MOV: the JUMBF structure, the
/// claim, every assertion's hash, the hard binding against the file's bytes, the COSE
/// signature, the certificate profile and validity, and the chain against `trustAnchors`
/// (PEM files; the local test CA is always one when it exists). Never throws for bad
/// files: an unreadable file is State::Unreadable, damage is State::Invalid with reasons.
/// Throws Error only when one of `trustAnchors` cannot be read or holds no certificate.
VerifyReport verifyFile(const std::string& path, const std::vector<std::string>& trustAnchors = {});

}  // namespace kinora::c2pa
