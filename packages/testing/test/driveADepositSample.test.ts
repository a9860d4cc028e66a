// The README's first sample, run as it is printed.
import '../samples/driveADeposit.sample';
