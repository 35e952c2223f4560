-- The platform's SaaS invoice numbers (issue 21): SAAS-<year>-<this sequence, six digits>; saas_invoices and
-- saas_payments hold the number under a UNIQUE constraint across clinics, so it is drawn from one sequence.
CREATE SEQUENCE cura_saas_invoice_numbers;
