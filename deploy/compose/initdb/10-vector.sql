-- The LLM student's retrieval index (pgvector) lives in RadTox's own database.
CREATE EXTENSION IF NOT EXISTS vector;
