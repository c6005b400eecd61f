"""Writers: each takes a Report, a Template and an output path, and writes the file atomically."""
