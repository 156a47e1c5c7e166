//! JSON report for `lede analyze`.
