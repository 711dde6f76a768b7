// libFuzzer's driver, for a target whose `main` is its own (SwiftPM renames an executable's entry point on Linux).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
