"""Articles that arrive by themselves: feed sources and links, fetched safely and ingested.

fetch (safe HTTP) → discover (HTML page → its feed) → parse (feedparser → entries)
→ extract (entry → card in a worker) → poller (per-source schedule, health, dedup).
"""
