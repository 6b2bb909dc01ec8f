#ifndef CRMAUTH_COPENSSL_SHIM_H
#define CRMAUTH_COPENSSL_SHIM_H

/* AuthCore's DigestState uses the SHA-1/SHA-2 block functions (SHA256_Init, ...), which OpenSSL 3
 * marks deprecated in favour of EVP but still ships (3.x, 4.0): over a caller-owned context they hash
 * with no allocation and no provider dispatch, and a copied context forks a computation, which is
 * what precomputed HMAC pads need. This macro only drops the deprecation attributes; nothing else
 * deprecated is used. */
#define OPENSSL_SUPPRESS_DEPRECATED

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/err.h>

#endif
