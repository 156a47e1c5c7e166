//! Removing scraping debris.
