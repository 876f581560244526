import { type Config, ConfigError, loadConfig } from '../platform/config'

/** Reads and validates the environment; a bad value ends the process with the reason. */
export function configOrExit(): Config {
  try {
    return loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(2)
    }
    throw error
  }
}
