/**
 * The most common passwords of at least 12 characters from public breach corpora (shorter ones
 * fail the length rule anyway). Compared lower-cased.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789123', '111111111111', '000000000000',
  '123123123123', '987654321098', 'qwertyuiopas', 'qwertyuiop123', 'qwerty123456', '1q2w3e4r5t6y',
  '1qaz2wsx3edc', 'zaq12wsxcde3', 'q1w2e3r4t5y6', 'asdfghjkl123', 'zxcvbnm12345', 'abcdefghijkl',
  'abc123456789', 'abcd12345678', 'password1234', 'password12345', 'password123456', 'passw0rd1234',
  'p@ssw0rd1234', 'p@ssword1234', 'password!123', 'passwordpassword', 'mypassword123', 'changeme1234',
  'changemenow!', 'letmein12345', 'letmeinplease', 'iloveyou1234', 'iloveyou123456', 'welcome12345',
  'welcome123456', 'welcometo123', 'administrator', 'administrator1', 'admin1234567', 'admin123456789',
  'adminadmin123', 'rootpassword', 'superuser123', 'trustno1trustno1', 'football1234', 'baseball1234',
  'basketball12', 'sunshine1234', 'princess1234', 'starwars1234', 'dragon123456', 'monkey123456',
  'master123456', 'shadow123456', 'michael12345', 'superman1234', 'batman123456', 'qwertyqwerty',
  'asdfasdfasdf', 'aaaaaaaaaaaa', 'abcabcabcabc', 'passpasspass', 'backup123456', 'backuppassword',
  'duplicati123', 'duplicati1234', 'duplistatus1', 'duplistatus123', 'backwatch123', 'backwatch1234',
  'correcthorsebatterystaple', 'thequickbrownfox', 'summer202020', 'winter202020', 'spring202020',
  'autumn202020', 'summer2024!!', 'winter2024!!', 'summer2025!!', 'winter2025!!', 'summer2026!!',
  'winter2026!!', 'motdepasse123', 'motdepasse1234', 'azertyuiop123', 'azerty123456', 'soleil123456',
  'bonjour123456', 'jetaime123456', 'doudou123456', 'chouchou1234', 'marseille1234', 'loulou123456',
]);
