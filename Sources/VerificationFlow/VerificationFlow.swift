/// The VerificationFlow module.
enum VerificationFlowModule {}
