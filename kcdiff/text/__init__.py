"""text: how every stage reads text: normalisation, dates, names."""
